package org.bascule.sched;

import java.util.Optional;

/**
 * Weighted round-robin, Linux {@code net/netfilter/ipvs/ip_vs_wrr.c}.
 *
 * <p>The kernel walks the list in passes. A pass takes, in list order, every destination whose
 * weight reaches the current threshold {@code cw}; after each pass {@code cw} drops by
 * {@code di}, the greatest common divisor of the positive weights. The first pass starts at
 * {@code mw = maxWeight - (di - 1)} and the last one runs at {@code cw = 1}, so a cycle has
 * {@code maxWeight / di} passes, a destination of weight {@code w} is chosen {@code w / di}
 * times in it, and the heavy ones are interleaved with the light ones rather than served in
 * a block.
 * Weights 4, 3, 2 (A, B, C) give A A B A B C A B C, then again.
 *
 * <p>When the set changes ({@code ip_vs_wrr_dest_changed}) the cursor goes back to the list
 * head, {@code di} and {@code mw} are recomputed, and {@code cw} is kept if it still fits,
 * rounded onto the new step otherwise, so a weight change does not restart the cycle from
 * the heaviest member. A destination of weight 0 is never chosen.
 */
public final class WeightedRoundRobinScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "wrr";

    /** The list head, which IPVS's cursor may rest on: nothing chosen in this cycle yet. */
    private static final int HEAD = -1;
    /** No stop mark set (the kernel's {@code stop = NULL}). */
    private static final int NO_STOP = -2;

    private DestinationSet<T> seen = DestinationSet.empty();
    private int cursor = HEAD;
    /** Current threshold ({@code mark->cw}). */
    private int threshold;
    /** Threshold of the first pass ({@code mark->mw}). */
    private int firstThreshold;
    /** Step between passes ({@code mark->di}). */
    private int step = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        if (set != seen) {
            adopt(set);
        }
        if (firstThreshold == 0) {
            return Optional.empty();
        }
        int n = set.size();
        int at = cursor;
        int startedFrom = cursor;
        int stop = NO_STOP;
        boolean lastPass = false;
        boolean wrapped = false;
        while (true) {
            for (at = at + 1; at < n; at++) {
                if (set.get(at).weight() >= threshold) {
                    cursor = at;
                    return Optional.of(set.get(at).member());
                }
                if (at == stop) {
                    cursor = at;
                    return Optional.empty();
                }
            }
            at = HEAD;
            threshold -= step;
            if (threshold <= 0) {
                threshold = firstThreshold;
                // a pass at threshold 1 has already looked at every member: give up
                if (lastPass || startedFrom == HEAD) {
                    cursor = HEAD;
                    return Optional.empty();
                }
                wrapped = true;
            }
            lastPass = threshold <= step;
            if (lastPass && wrapped && startedFrom != HEAD) {
                // the first pass at threshold 1 only covered the members after where we
                // started; this one must cover those before it, and stop there
                stop = startedFrom;
            }
        }
    }

    private void adopt(DestinationSet<T> set) {
        seen = set;
        cursor = HEAD;
        step = gcdOfPositiveWeights(set);
        firstThreshold = maxWeight(set) - (step - 1);
        if (threshold > firstThreshold || threshold == 0) {
            threshold = firstThreshold;
        } else if (step > 1) {
            threshold = (threshold / step) * step + 1;
        }
    }

    static int gcdOfPositiveWeights(DestinationSet<?> set) {
        int g = 0;
        for (Destination<?> d : set.members()) {
            if (d.weight() > 0) {
                g = g == 0 ? d.weight() : gcd(g, d.weight());
            }
        }
        return g == 0 ? 1 : g;
    }

    static int maxWeight(DestinationSet<?> set) {
        int max = 0;
        for (Destination<?> d : set.members()) {
            max = Math.max(max, d.weight());
        }
        return max;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
