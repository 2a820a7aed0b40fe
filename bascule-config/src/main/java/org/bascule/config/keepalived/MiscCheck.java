package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code MISC_CHECK}: run a program; exit 0 is alive (keepalived.conf(5)). It has no connection
 * options, only the timing ones.
 *
 * @param path    {@code misc_path}: the command and its arguments, quotes removed
 * @param timeout {@code misc_timeout}, else the virtual server's delay_loop (check_misc.c)
 * @param dynamic {@code misc_dynamic}: exit status 2..255 sets the weight to status - 2
 * @param user    {@code user USER [GROUP]}
 */
public record MiscCheck(
        SourcePos pos,
        CheckSchedule schedule,
        String path,
        Duration timeout,
        boolean dynamic,
        Optional<ScriptUser> user) implements Checker {

    public MiscCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.MISC_CHECK;
    }
}
