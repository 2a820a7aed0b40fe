package org.bascule.l7.balance;

import java.util.List;
import java.util.Optional;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;

/**
 * {@code balance leastconn}: the server with the fewest requests in progress relative to its
 * weight ({@code active / weight}, compared as {@code a1 * w2 < a2 * w1}); among equals, round
 * robin, as HAProxy's {@code lb_fwlc} rotates servers of equal load.
 */
public final class LeastConn implements Picker {

    private int rotor;

    @Override
    public synchronized Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key) {
        int n = candidates.size();
        if (n == 0) {
            return Optional.empty();
        }
        LiveServer best = null;
        int start = rotor++ & Integer.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            LiveServer s = candidates.get((start + k) % n);
            if (best == null || (long) s.activeRequests() * best.weight() < (long) best.activeRequests() * s.weight()) {
                best = s;
            }
        }
        return Optional.of(best);
    }
}
