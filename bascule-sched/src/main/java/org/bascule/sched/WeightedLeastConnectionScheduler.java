package org.bascule.sched;

import java.util.Optional;

/**
 * Weighted least-connection, Linux {@code net/netfilter/ipvs/ip_vs_wlc.c} (keepalived's default
 * {@code lb_algo}): the member with the smallest {@code overhead / weight}, overhead being
 * {@code active * 256 + inactive}. Compared by cross-multiplication
 * ({@code loh * w > doh * lw}, in 64 bits) so no division rounds; the first available member
 * is the starting candidate and a later one replaces it only when strictly better.
 */
public final class WeightedLeastConnectionScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "wlc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        return LeastLoad.pick(set, Destination::overhead);
    }
}
