package org.bascule.l7.balance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;

/**
 * {@code balance random(<draws>)}: draws {@code draws} servers at random, each with a
 * probability proportional to its weight, and keeps the one with the fewest requests in
 * progress ("power of two choices" for the default 2; {@code random(1)} is plain weighted
 * random). HAProxy draws on its consistent-hash ring; a weighted draw has the same
 * distribution.
 */
public final class RandomDraws implements Picker {

    private final int draws;

    public RandomDraws(int draws) {
        this.draws = draws;
    }

    @Override
    public Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (LiveServer s : candidates) {
            total += s.weight();
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        LiveServer best = null;
        for (int d = 0; d < draws; d++) {
            long point = rnd.nextLong(total);
            LiveServer drawn = candidates.getLast();
            for (LiveServer s : candidates) {
                point -= s.weight();
                if (point < 0) {
                    drawn = s;
                    break;
                }
            }
            if (best == null || drawn.activeRequests() < best.activeRequests()) {
                best = drawn;
            }
        }
        return Optional.of(best);
    }
}
