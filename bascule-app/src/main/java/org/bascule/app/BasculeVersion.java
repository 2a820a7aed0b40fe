package org.bascule.app;

import picocli.CommandLine.IVersionProvider;

/** Version line printed by {@code bascule --version}. */
final class BasculeVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "bascule " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Java " + Runtime.version() + ")"
        };
    }
}
