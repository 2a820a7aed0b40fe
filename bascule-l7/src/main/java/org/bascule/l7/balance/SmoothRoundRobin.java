package org.bascule.l7.balance;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;

/**
 * {@code balance roundrobin}: weighted round robin that interleaves servers (weights 3:1 give
 * a a b a, not a a a b) and follows weight changes at once, as HAProxy's dynamic
 * {@code lb_fwrr} does. Each pick adds every candidate's weight to its credit, takes the
 * candidate with the most credit and charges it the sum of the weights (the "smooth weighted
 * round robin" of nginx, which spreads the same way over one cycle).
 */
public final class SmoothRoundRobin implements Picker {

    private final Map<LiveServer, long[]> credit = new IdentityHashMap<>();

    @Override
    public synchronized Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key) {
        LiveServer best = null;
        long bestCredit = Long.MIN_VALUE;
        long total = 0;
        for (LiveServer s : candidates) {
            long[] c = credit.computeIfAbsent(s, x -> new long[1]);
            c[0] += s.weight();
            total += s.weight();
            if (c[0] > bestCredit) {
                bestCredit = c[0];
                best = s;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        credit.get(best)[0] -= total;
        return Optional.of(best);
    }
}
