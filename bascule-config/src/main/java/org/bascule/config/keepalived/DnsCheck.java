package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code DNS_CHECK}: alive when a UDP DNS query is answered (keepalived.conf(5)).
 *
 * @param type {@code type}: A, NS, CNAME, SOA (default), MX, TXT or AAAA
 * @param name {@code name}: the queried name, default "."
 */
public record DnsCheck(SourcePos pos, CheckConnection connection, CheckSchedule schedule, String type, String name)
        implements Checker {

    /** DNS_DEFAULT_TYPE. */
    public static final String DEFAULT_TYPE = "SOA";
    /** DNS_DEFAULT_NAME. */
    public static final String DEFAULT_NAME = ".";

    public DnsCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.DNS_CHECK;
    }
}
