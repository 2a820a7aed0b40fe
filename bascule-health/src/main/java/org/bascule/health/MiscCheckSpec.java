package org.bascule.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * keepalived's {@code MISC_CHECK}: run {@code misc_path} through the shell; exit status 0 means
 * alive, 1 dead. With {@code misc_dynamic}, 2..255 means alive with weight {@code status - 2}
 * (and 0 restores the configured weight); without it, any status but 0 means dead. A script
 * still running after {@code misc_timeout} is killed and counts as a failure.
 *
 * @param script  {@code misc_path}, the command and its arguments as one shell line
 * @param timeout {@code misc_timeout} (keepalived: the virtual server's delay_loop when unset)
 * @param dynamic {@code misc_dynamic}
 * @param user    {@code user USER [GROUP]}, honoured as root
 * @param timing  {@code retry} defaults to 0 for MISC_CHECK
 */
public record MiscCheckSpec(String script, Duration timeout, boolean dynamic, Optional<ScriptUser> user, CheckTiming timing)
        implements CheckSpec {

    public MiscCheckSpec {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timing, "timing");
        if (script.isBlank()) {
            throw new IllegalArgumentException("misc_path: empty (expected: a script to run)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("misc_timeout: " + timeout + " (expected: > 0)");
        }
    }

    @Override
    public String label() {
        return "MISC_CHECK " + script;
    }
}
