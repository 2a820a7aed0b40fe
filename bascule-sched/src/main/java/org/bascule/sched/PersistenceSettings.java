package org.bascule.sched;

import java.time.Duration;
import java.util.Objects;

/**
 * A virtual service's client persistence: keepalived's {@code persistence_timeout} and
 * {@code persistence_granularity} (ipvsadm {@code -p timeout -M netmask}).
 *
 * @param timeout          how long a client's template outlives its last new connection
 * @param granularity      which clients share a template
 * @param expireQuiescent  IPVS's {@code expire_quiescent_template} sysctl: when true, a template
 *                         whose server has weight 0 is dropped at the next lookup; false (the
 *                         kernel's default) keeps sending a drained server its persistent clients
 */
public record PersistenceSettings(Duration timeout, ClientGranularity granularity, boolean expireQuiescent) {

    /** IPVS_SVC_PERSISTENT_TIMEOUT: what {@code persistence_timeout} without a value means. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(360);

    public PersistenceSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(granularity, "granularity");
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("persistence_timeout: " + timeout.toSeconds() + " (expected: 1 s or more)");
        }
    }

    /** {@code persistence_timeout seconds} for one client address each. */
    public static PersistenceSettings of(Duration timeout) {
        return new PersistenceSettings(timeout, ClientGranularity.HOST, false);
    }

    public PersistenceSettings withGranularity(ClientGranularity granularity) {
        return new PersistenceSettings(timeout, granularity, expireQuiescent);
    }
}
