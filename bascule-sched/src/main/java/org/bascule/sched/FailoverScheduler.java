package org.bascule.sched;

import java.util.Optional;

/**
 * Weighted failover, Linux {@code net/netfilter/ipvs/ip_vs_fo.c}: every new connection goes to
 * the available member with the highest weight, the first of equals in list order. That is
 * active/passive balancing (SPEC R-C2, R-S4) with keepalived alone: give the nominal server the
 * highest weight; when its check fails (or it is drained to weight 0) the next highest takes
 * over, and it takes back new connections when it returns.
 */
public final class FailoverScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "fo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        Destination<T> highest = null;
        for (Destination<T> d : set.members()) {
            if (d.weight() > (highest == null ? 0 : highest.weight())) {
                highest = d;
            }
        }
        return highest == null ? Optional.empty() : Optional.of(highest.member());
    }
}
