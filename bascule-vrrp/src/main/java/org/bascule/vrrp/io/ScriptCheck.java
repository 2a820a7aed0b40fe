package org.bascule.vrrp.io;

import java.time.Duration;
import java.util.Objects;

/** A {@code vrrp_script}: run every {@code interval}, failed after {@code timeout}, rise/fall. */
public record ScriptCheck(String name, String command, Duration interval, Duration timeout, int rise, int fall, boolean initFail) {

    public ScriptCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
