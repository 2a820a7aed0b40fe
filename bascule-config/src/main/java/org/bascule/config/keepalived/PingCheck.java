package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/** {@code PING_CHECK}: alive when an ICMP echo is answered. */
public record PingCheck(SourcePos pos, CheckConnection connection, CheckSchedule schedule) implements Checker {

    public PingCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.PING_CHECK;
    }
}
