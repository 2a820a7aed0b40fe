package org.bascule.ops.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the runtime socket lives unless told otherwise, following where daemons and per-user
 * services put theirs: {@code /run/bascule/bascule.sock} for root (as HAProxy's packages use
 * {@code /run/haproxy/admin.sock}); for another user {@code $XDG_RUNTIME_DIR/bascule/bascule.sock}
 * (the XDG Base Directory runtime directory, ignored when not absolute, as the specification
 * says), else {@code /tmp/bascule-$UID/bascule.sock}. Daemon and CLI compute the same path, so
 * {@code bascule ipvsadm -Ln} finds the daemon its user started.
 */
public final class RuntimeSocketPath {
    static final String FILE_NAME = "bascule.sock";

    private RuntimeSocketPath() {}

    /** The given path if any, else the default for this process's user and environment. */
    public static Path choose(Optional<Path> override) {
        return choose(override, Uid.current(), System.getenv());
    }

    /** The default path for this process's user and environment. */
    public static Path defaultPath() {
        return choose(Optional.empty());
    }

    static Path choose(Optional<Path> override, long uid, Map<String, String> env) {
        if (override.isPresent()) {
            return override.get();
        }
        if (uid == 0) {
            return Path.of("/run/bascule", FILE_NAME);
        }
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isEmpty() && Path.of(runtimeDir).isAbsolute()) {
            return Path.of(runtimeDir, "bascule", FILE_NAME);
        }
        return Path.of("/tmp", "bascule-" + uid, FILE_NAME);
    }
}
