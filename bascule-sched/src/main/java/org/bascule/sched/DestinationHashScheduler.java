package org.bascule.sched;

import java.util.Optional;
import org.bascule.sched.hash.AddressFold;

/**
 * Destination hashing, Linux {@code net/netfilter/ipvs/ip_vs_dh.c}: a table of 256 buckets
 * given to the members one each, round-robin in list order, whatever their weights
 * ({@code ip_vs_dh_reassign}); a connection goes to the bucket
 * {@code (fold(destination) * 2654435761) & 255} of the address it was sent to, and nowhere
 * if that member has weight 0. Meant for caches in front of many origin addresses (a
 * firewall-mark service); on a one-address service every client gets the same member.
 */
public final class DestinationHashScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "dh";
    private static final int SIZE = 256;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        int n = set.size();
        if (n == 0) {
            return Optional.empty();
        }
        int bucket = (AddressFold.fold(flow.service()) * AddressFold.KNUTH) & (SIZE - 1);
        // bucket i holds member i mod n: what the kernel's round-robin assignment produces
        Destination<T> d = set.get(bucket % n);
        return d.available() ? Optional.of(d.member()) : Optional.empty();
    }
}
