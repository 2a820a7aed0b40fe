package org.bascule.ops.runtime;

import com.sun.security.auth.module.UnixSystem;

/** The process's user id, from getuid(2) through the JDK's {@code jdk.security.auth} module. */
final class Uid {
    private Uid() {}

    static long current() {
        return new UnixSystem().getUid();
    }
}
