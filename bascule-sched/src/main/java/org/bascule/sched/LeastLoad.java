package org.bascule.sched;

import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The two-stage loop that {@code ip_vs_wlc.c} and {@code ip_vs_sed.c} share: start from the
 * first available member, then replace it by any later member whose load per weight is
 * strictly smaller ({@code least.load * d.weight > d.load * least.weight}). A member of weight
 * 0 met in the second stage can never win that comparison.
 */
final class LeastLoad {

    private LeastLoad() {}

    static <T> Optional<T> pick(DestinationSet<T> set, ToLongFunction<Destination<T>> load) {
        int n = set.size();
        int i = 0;
        while (i < n && !set.get(i).available()) {
            i++;
        }
        if (i == n) {
            return Optional.empty();
        }
        Destination<T> least = set.get(i);
        long leastLoad = load.applyAsLong(least);
        for (i++; i < n; i++) {
            Destination<T> d = set.get(i);
            long dLoad = load.applyAsLong(d);
            if (leastLoad * d.weight() > dLoad * least.weight()) {
                least = d;
                leastLoad = dLoad;
            }
        }
        return Optional.of(least.member());
    }
}
