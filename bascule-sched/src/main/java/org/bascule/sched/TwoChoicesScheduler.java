package org.bascule.sched;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Power of two choices, Linux {@code net/netfilter/ipvs/ip_vs_twos.c} (Mitzenmacher, "The Power
 * of Two Choices in Randomized Load Balancing", 2001): draw two members at random in
 * proportion to their weights, keep the one with the smaller {@code overhead / weight}
 * (overhead {@code active * 256 + inactive}); on a tie the first draw.
 *
 * <p>As the kernel does, each draw is a number in {@code [0, total]} (total + 1 values) walked
 * down the list until it reaches 0 or less, so the first member is drawn a little more often
 * than its weight alone says (weight + 1 in total + 1). Known as {@code twos} in IPVS;
 * {@code p2c} is accepted as another name for it.
 */
public final class TwoChoicesScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "twos";

    private final RandomGenerator random;

    public TwoChoicesScheduler(RandomGenerator random) {
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
            if (d.available()) {
                total += d.weight();
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        long r1 = random.nextLong(total + 1);
        long r2 = random.nextLong(total + 1);
        Destination<T> first = null;
        Destination<T> second = null;
        for (Destination<T> d : set.members()) {
            if (!d.available()) {
                continue;
            }
            r1 -= d.weight();
            r2 -= d.weight();
            if (first == null && r1 <= 0) {
                first = d;
            }
            if (second == null && r2 <= 0) {
                second = d;
            }
            if (first != null && second != null) {
                break;
            }
        }
        // weight2 * overhead1 > weight1 * overhead2: the second draw is less loaded per weight
        if (second.weight() * first.overhead() > first.weight() * second.overhead()) {
            return Optional.of(second.member());
        }
        return Optional.of(first.member());
    }
}
