package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/** {@code TCP_CHECK}: alive when a TCP connection opens within connect_timeout. */
public record TcpCheck(SourcePos pos, CheckConnection connection, CheckSchedule schedule) implements Checker {

    public TcpCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.TCP_CHECK;
    }
}
