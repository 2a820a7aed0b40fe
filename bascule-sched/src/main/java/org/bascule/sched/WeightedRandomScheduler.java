package org.bascule.sched;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Weighted random (SPEC R-S1 "random"; HAProxy's {@code balance random(1)}): each new
 * connection goes to an available member drawn with probability {@code weight / total}.
 * IPVS has no such module; it is the impartial scheduler that needs no shared cursor, so
 * several nodes or threads may use it without coordinating.
 */
public final class WeightedRandomScheduler<T> implements Scheduler<T> {

    /** Name, as HAProxy's {@code balance random}. */
    public static final String NAME = "random";

    private final RandomGenerator random;

    public WeightedRandomScheduler(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        long total = 0;
        for (Destination<T> d : set.members()) {
            total += d.weight();
        }
        if (total == 0) {
            return Optional.empty();
        }
        long r = random.nextLong(total);
        for (Destination<T> d : set.members()) {
            r -= d.weight();
            if (r < 0) {
                return Optional.of(d.member());
            }
        }
        throw new IllegalStateException("weights changed under the scheduler");
    }
}
