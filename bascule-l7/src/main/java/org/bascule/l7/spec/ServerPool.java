package org.bascule.l7.spec;

import java.time.Duration;

/**
 * How many idle keep-alive connections to a server are kept for later requests, with HAProxy's
 * server keywords and defaults (configuration.txt section 5.2).
 *
 * @param maxConn     {@code pool-max-conn}: most idle connections kept; -1 no limit (default), 0 none.
 *                    Bascule's clients do not hold a connection between their requests, so with 0 every
 *                    server connection closes after its response
 * @param purgeDelay  {@code pool-purge-delay}: every such delay, half of the idle connections beyond the
 *                    server's estimated need close (5 s); 0 keeps none
 * @param lowConn     {@code pool-low-conn}: idle connections kept on top of that need (0)
 */
public record ServerPool(int maxConn, Duration purgeDelay, int lowConn) {

    public static final ServerPool DEFAULT = new ServerPool(-1, Duration.ofSeconds(5), 0);

    public ServerPool {
        Require.range(maxConn, -1, Integer.MAX_VALUE, "pool-max-conn");
        Require.nonNull(purgeDelay, "pool-purge-delay");
        Require.that(!purgeDelay.isNegative(), "pool-purge-delay", purgeDelay.toString(), "a delay of 0 or more");
        Require.range(lowConn, 0, Integer.MAX_VALUE, "pool-low-conn");
    }

    /** Whether idle connections are kept at all ({@code pool-max-conn 0} or {@code pool-purge-delay 0} keep none). */
    public boolean keepsIdle() {
        return maxConn != 0 && !purgeDelay.isZero();
    }
}
