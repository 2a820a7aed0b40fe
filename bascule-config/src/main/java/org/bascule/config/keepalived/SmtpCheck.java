package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code SMTP_CHECK}: alive when the server greets with 220 and answers HELO with 250. Each
 * deprecated {@code host { … }} sub-block becomes one more SmtpCheck, as keepalived does
 * (check_smtp.c).
 *
 * @param heloName {@code helo_name}, default {@code smtpchecker.keepalived.org}
 */
public record SmtpCheck(SourcePos pos, CheckConnection connection, CheckSchedule schedule, String heloName)
        implements Checker {

    /** SMTP_DEFAULT_HELO. */
    public static final String DEFAULT_HELO_NAME = "smtpchecker.keepalived.org";

    public SmtpCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(heloName, "heloName");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.SMTP_CHECK;
    }
}
