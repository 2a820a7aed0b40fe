package org.bascule.l7;

import java.util.function.LongSupplier;

/**
 * Events per second as HAProxy's {@code show stat} reports them ({@code rate}, {@code req_rate},
 * {@code conn_rate}: "over last elapsed second"; {@code rate_max}...: the most seen in one
 * second). Like HAProxy's frequency counters ({@code freq_ctr}) it keeps the count of the current
 * one-second period and of the previous one, and reads the rate as the current count plus the
 * share of the previous period that still lies within the last second, so the figure slides
 * instead of dropping to zero at each period boundary.
 *
 * <p>Pure but for the injected clock (nanoseconds, monotonic); thread-safe: increments come from
 * every event loop, reads from the stats socket.
 */
final class PerSecondCounter {

    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanos;
    private final long origin;
    private long period;
    private int current;
    private int previous;
    private int max;

    PerSecondCounter(LongSupplier nanos) {
        this.nanos = nanos;
        this.origin = nanos.getAsLong();
    }

    /** Counts one event now. */
    synchronized void increment() {
        roll(nanos.getAsLong());
        current++;
        if (current > max) {
            max = current;
        }
    }

    /** Events over the last second, the previous period weighted by how much of it is still within it. */
    synchronized int rate() {
        long now = nanos.getAsLong();
        roll(now);
        long into = (now - origin) % SECOND;
        return current + (int) (previous * (SECOND - into) / SECOND);
    }

    /** The most events counted within one one-second period. */
    synchronized int max() {
        return max;
    }

    private void roll(long now) {
        long p = (now - origin) / SECOND;
        if (p == period) {
            return;
        }
        previous = p == period + 1 ? current : 0;
        current = 0;
        period = p;
    }
}
