package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code lvs_timeouts [tcp SECS] [tcpfin SECS] [udp SECS]} in {@code global_defs}: IPVS
 * connection-tracking timeouts. An absent value leaves the current one unchanged.
 */
public record LvsTimeouts(Optional<Duration> tcp, Optional<Duration> tcpFin, Optional<Duration> udp) {

    /** No timeout set. */
    public static final LvsTimeouts UNSET = new LvsTimeouts(Optional.empty(), Optional.empty(), Optional.empty());

    public LvsTimeouts {
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(tcpFin, "tcpFin");
        Objects.requireNonNull(udp, "udp");
    }
}
