package org.bascule.sched;

import java.util.Optional;

/**
 * Shortest expected delay, Linux {@code net/netfilter/ipvs/ip_vs_sed.c}: the member with the
 * smallest {@code (active + 1) / weight}, the expected delay of one more connection on a server
 * that serves its active connections at a speed proportional to its weight. Inactive
 * connections do not count. Same two-stage comparison as {@code wlc}.
 */
public final class ShortestExpectedDelayScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "sed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        return LeastLoad.pick(set, d -> d.counts().activeConnections() + 1);
    }
}
