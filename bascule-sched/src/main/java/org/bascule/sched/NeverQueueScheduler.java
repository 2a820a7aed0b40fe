package org.bascule.sched;

import java.util.Optional;

/**
 * Never queue, Linux {@code net/netfilter/ipvs/ip_vs_nq.c}: the first available member with no
 * active connection gets it at once, whatever its weight; when every one is busy, shortest
 * expected delay ({@code (active + 1) / weight}, the first of equals).
 */
public final class NeverQueueScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "nq";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        Destination<T> least = null;
        long leastLoad = 0;
        for (Destination<T> d : set.members()) {
            if (!d.available()) {
                continue;
            }
            long active = d.counts().activeConnections();
            if (active == 0) {
                return Optional.of(d.member());
            }
            long load = active + 1;
            if (least == null || leastLoad * d.weight() > load * least.weight()) {
                least = d;
                leastLoad = load;
            }
        }
        return least == null ? Optional.empty() : Optional.of(least.member());
    }
}
