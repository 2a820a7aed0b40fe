package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Client persistence of a virtual_server (ipvsadm -p/-M, keepalived.conf(5)).
 *
 * @param timeout     {@code persistence_timeout}; 360 s when the keyword has no value or when
 *                    only {@code persistence_granularity} is given (IPVS_SVC_PERSISTENT_TIMEOUT)
 * @param granularity {@code persistence_granularity}: an IPv4 netmask or an IPv6 prefix length,
 *                    as written
 * @param engine      {@code persistence_engine} (only {@code sip} exists)
 */
public record Persistence(Duration timeout, Optional<String> granularity, Optional<String> engine) {

    /** IPVS_SVC_PERSISTENT_TIMEOUT: 6 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(6);

    public Persistence {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(engine, "engine");
    }
}
