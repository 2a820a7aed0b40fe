package org.bascule.sched;

import java.util.Optional;

/**
 * Round-robin, Linux {@code net/netfilter/ipvs/ip_vs_rr.c}: walk the destination list from
 * the one chosen last, wrapping around once, and take the first with a weight above 0.
 * Weights other than 0 do not matter.
 *
 * <p>When the set changes the cursor stays on the last chosen member if it is still there;
 * if it was removed, the cursor moves so that the member which followed it is next, as
 * {@code ip_vs_rr_del_dest} does by stepping back to the removed entry's predecessor.
 */
public final class RoundRobinScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "rr";

    private DestinationSet<T> seen = DestinationSet.empty();
    /** Index of the last chosen member in {@code seen}; -1 is the list head (nothing chosen yet). */
    private int cursor = -1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        if (set != seen) {
            cursor = carryCursor(seen, cursor, set);
            seen = set;
        }
        // candidates after the cursor to the tail, then from the first member back to the
        // cursor itself: one full turn, as ip_vs_rr_schedule stops when it meets "last" again
        int n = set.size();
        for (int step = 1; step <= n; step++) {
            int i = (cursor + step) % n;
            if (set.get(i).weight() > 0) {
                cursor = i;
                return Optional.of(set.get(i).member());
            }
        }
        return Optional.empty();
    }

    /**
     * Where the cursor of {@code old} lands in {@code now}: on the same member if present,
     * else just before the first of its old successors that is still present.
     */
    static <T> int carryCursor(DestinationSet<T> old, int oldCursor, DestinationSet<T> now) {
        if (oldCursor < 0 || oldCursor >= old.size()) {
            return -1;
        }
        int same = now.indexOf(old.get(oldCursor).member());
        if (same >= 0) {
            return same;
        }
        for (int i = oldCursor + 1; i < old.size(); i++) {
            int next = now.indexOf(old.get(i).member());
            if (next >= 0) {
                return next - 1;
            }
        }
        return -1;
    }
}
