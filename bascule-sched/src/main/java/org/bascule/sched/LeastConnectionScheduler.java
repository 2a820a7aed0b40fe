package org.bascule.sched;

import java.util.Optional;

/**
 * Least-connection, Linux {@code net/netfilter/ipvs/ip_vs_lc.c}: the available member (weight
 * above 0) with the smallest overhead {@code active * 256 + inactive}; on a tie the first in
 * list order. Weights other than 0 do not matter.
 *
 * <p>Beware what it rewards: a broken server that answers every request at once with an error
 * closes its connections fastest, so it always has the fewest and gets most of the new ones.
 * Only a health check that looks at the answer takes it out (SPEC R-S2).
 */
public final class LeastConnectionScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "lc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        Destination<T> least = null;
        long leastOverhead = 0;
        for (Destination<T> d : set.members()) {
            if (!d.available()) {
                continue;
            }
            long overhead = d.overhead();
            if (least == null || overhead < leastOverhead) {
                least = d;
                leastOverhead = overhead;
            }
        }
        return least == null ? Optional.empty() : Optional.of(least.member());
    }
}
