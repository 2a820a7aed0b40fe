package org.bascule.l4;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * How many connections closed within the last {@code tcpfin} seconds: the "InActConn" column.
 * IPVS keeps a closed TCP connection's entry in FIN_WAIT/TIME_WAIT for that long; a user-space
 * proxy has no such entry, so it counts closes in one-second buckets instead of keeping one
 * object per connection.
 *
 * <p>Each bucket is one {@code long}: the second it belongs to in the high bits, its count in
 * the low 24, updated by compare-and-set, so event loops record closes without a lock and a
 * bucket left over from an older second is recycled by the first close that lands in it.
 *
 * <p>{@code ipvsadm --set} may lengthen the window at run time: the ring then grows (buckets
 * re-placed by their second); a close recorded into the old ring during the swap may be lost.
 */
final class RecentCloses {

    /** Longest supported window; IPVS's own default is 120 s. */
    static final long MAX_SECONDS = 3600;
    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private volatile long windowSeconds;
    private volatile AtomicLongArray buckets;
    private final LongSupplier nowMillis;

    RecentCloses(long windowSeconds, LongSupplier nowMillis) {
        this.windowSeconds = windowSeconds;
        this.buckets = new AtomicLongArray((int) windowSeconds + 1);
        this.nowMillis = nowMillis;
    }

    /** A new window, capped at {@link #MAX_SECONDS}. */
    synchronized void window(long seconds) {
        long w = Math.max(0, Math.min(seconds, MAX_SECONDS));
        AtomicLongArray old = buckets;
        if (w + 1 > old.length()) {
            AtomicLongArray grown = new AtomicLongArray((int) w + 1);
            for (int i = 0; i < old.length(); i++) {
                long v = old.get(i);
                long second = v >>> COUNT_BITS;
                if (v != 0) {
                    grown.set((int) (second % grown.length()), v);
                }
            }
            buckets = grown;
        }
        windowSeconds = w;
    }

    void record() {
        if (windowSeconds == 0) {
            return;
        }
        AtomicLongArray ring = buckets;
        long second = nowMillis.getAsLong() / 1000;
        int i = (int) (second % ring.length());
        while (true) {
            long v = ring.get(i);
            long next = (v >>> COUNT_BITS) == second
                    ? (v & COUNT_MASK) == COUNT_MASK ? v : v + 1 // saturate rather than spill into the tag
                    : second << COUNT_BITS | 1;
            if (ring.compareAndSet(i, v, next)) {
                return;
            }
        }
    }

    /**
     * Closes in the current second and the {@code windowSeconds - 1} before it. The least-connection
     * schedulers read this for every member at every decision, so the sum of the past seconds is
     * computed once per second (they no longer change) and only the current bucket is read live.
     */
    long count() {
        AtomicLongArray ring = buckets;
        long window = windowSeconds;
        long now = nowMillis.getAsLong() / 1000;
        PastSum past = pastSum;
        if (past.second != now || past.window != window || past.ring != ring) {
            past = new PastSum(now, window, ring, sum(ring, now - window, now - 1));
            pastSum = past;
        }
        return past.total + sum(ring, now - 1, now);
    }

    /** Closes counted in the seconds after {@code after} up to {@code upTo}. */
    private static long sum(AtomicLongArray ring, long after, long upTo) {
        if (upTo - after == 1) {
            long v = ring.get((int) (upTo % ring.length()));
            return (v >>> COUNT_BITS) == upTo ? v & COUNT_MASK : 0;
        }
        long total = 0;
        for (int i = 0; i < ring.length(); i++) {
            long v = ring.get(i);
            long second = v >>> COUNT_BITS;
            if (second > after && second <= upTo) {
                total += v & COUNT_MASK;
            }
        }
        return total;
    }

    /**
     * The closes of the seconds before {@code second}, which can no longer change; also keyed by
     * the window and ring it was summed over, since {@code ipvsadm --set} may replace both.
     */
    private record PastSum(long second, long window, AtomicLongArray ring, long total) {}

    private volatile PastSum pastSum = new PastSum(Long.MIN_VALUE, 0, null, 0);
}
