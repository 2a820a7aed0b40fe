package org.bascule.app.vrrp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.TrackFile;
import org.bascule.vrrp.io.OsVrrpNetwork;
import org.bascule.vrrp.io.VrrpEngine;

/**
 * Starts the VRRP role of {@code bascule run}: writes the {@code track_file}s that ask for
 * {@code init_file}, then runs the engine over the kernel (bascule-os) in the process's own
 * network namespace.
 */
public final class VrrpRunner {

    private VrrpRunner() {
    }

    public static VrrpEngine start(KeepalivedConfig config, VrrpPlan plan) {
        for (TrackFile f : config.trackFiles()) {
            if (f.initFile()) {
                Path p = Path.of(f.file());
                // keepalived.conf(5) init_file: create with the value, overwrite only if asked.
                if (f.overwrite() || !Files.exists(p)) {
                    try {
                        Files.writeString(p, f.initValue() + "\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException("track_file " + f.name() + ": cannot write " + p + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return VrrpEngine.start(plan.setup(), OsVrrpNetwork.open());
    }
}
