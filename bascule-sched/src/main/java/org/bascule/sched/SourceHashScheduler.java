package org.bascule.sched;

import java.util.Optional;
import org.bascule.sched.hash.AddressFold;

/**
 * Source hashing, Linux {@code net/netfilter/ipvs/ip_vs_sh.c}: a table of 256 buckets, filled
 * in list order with each member taking as many consecutive buckets as its weight (at least
 * one, so a member of weight 0 holds one bucket it cannot serve), round and round until all are
 * assigned ({@code ip_vs_sh_reassign}). A client goes to the bucket
 * {@code hash_32(port + fold(source), 8)}; the port is the client's with {@code sh-port}, else 0.
 *
 * <p>When the bucket's member is unavailable (weight 0): nothing, unless {@code sh-fallback},
 * which walks the table from there with offsets mixed into the hash
 * ({@code ip_vs_sh_get_fallback}) and takes the first available member, so the same client
 * still lands on the same fallback.
 */
public final class SourceHashScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "sh";
    static final int BITS = 8;
    static final int SIZE = 1 << BITS;

    private final boolean port;
    private final boolean fallback;
    private DestinationSet<T> seen;
    private final int[] buckets = new int[SIZE];

    public SourceHashScheduler(SchedulerSettings<?> settings) {
        this.port = settings.has(SchedulerFlag.PORT);
        this.fallback = settings.has(SchedulerFlag.FALLBACK);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        if (set != seen) {
            reassign(set);
            seen = set;
        }
        if (set.size() == 0) {
            return Optional.empty();
        }
        int key = (port ? flow.client().getPort() : 0) + AddressFold.fold(flow.client());
        int hash = bucket(key, 0);
        Destination<T> d = set.get(buckets[hash]);
        if (d.available()) {
            return Optional.of(d.member());
        }
        if (!fallback) {
            return Optional.empty();
        }
        for (int offset = 0; offset < SIZE; offset++) {
            Destination<T> other = set.get(buckets[bucket(key, (offset + hash) % SIZE)]);
            if (other.available()) {
                return Optional.of(other.member());
            }
        }
        return Optional.empty();
    }

    /** {@code ip_vs_sh_hashkey}: {@code (offset + hash_32(key, 8)) & 255}. */
    static int bucket(int key, int offset) {
        return (offset + AddressFold.hash32(key, BITS)) & (SIZE - 1);
    }

    private void reassign(DestinationSet<T> set) {
        int n = set.size();
        if (n == 0) {
            return;
        }
        int member = 0;
        int taken = 0;
        for (int i = 0; i < SIZE; i++) {
            buckets[i] = member;
            if (++taken >= set.get(member).weight()) {
                member = (member + 1) % n;
                taken = 0;
            }
        }
    }
}
