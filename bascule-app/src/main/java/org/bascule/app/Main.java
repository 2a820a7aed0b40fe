package org.bascule.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bascule} command. Subcommands mirror what users of keepalived, ipvsadm and
 * genhash type: {@code run} (the daemon), {@code check} ({@code keepalived -t}),
 * {@code ipvsadm} (the live table of the running daemon), {@code genhash} and {@code demo}.
 */
@Command(
        name = "bascule",
        mixinStandardHelpOptions = true,
        versionProvider = BasculeVersion.class,
        description = "Highly available multi-tier load balancer (keepalived, ipvsadm, HAProxy compatible).",
        subcommands = {RunCommand.class, CheckCommand.class, IpvsadmCommand.class, GenhashCommand.class, org.bascule.app.demo.DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
