package org.bascule.l7;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Events per second as HAProxy's {@code show stat} reports them ({@code rate}, {@code req_rate},
 * {@code conn_rate}: "over last elapsed second"; {@code rate_max}...: the most seen in one
 * second). Like HAProxy's frequency counters ({@code freq_ctr}) it keeps the count of the current
 * one-second period and of the previous one, and reads the rate as the current count plus the
 * share of the previous period that still lies within the last second, so the figure slides
 * instead of dropping to zero at each period boundary.
 *
 * <p>Pure but for the injected clock (nanoseconds, monotonic); thread-safe without a lock:
 * increments come from every event loop, several per request, so the period, its count and the
 * previous period's count live in one {@code long} changed by compare-and-set (a lock here was
 * contended between the loops), as HAProxy's {@code freq_ctr} is updated with atomic operations.
 * A count saturates at {@value #COUNT_MAX} events in one second.
 */
final class PerSecondCounter {

    private static final long SECOND = 1_000_000_000L;
    private static final int COUNT_BITS = 20;
    static final int COUNT_MAX = (1 << COUNT_BITS) - 1;
    private static final int PERIOD_SHIFT = 2 * COUNT_BITS;
    /** Periods are compared modulo 2^24 s (194 days): only "same" and "next" matter. */
    private static final long PERIOD_MASK = (1L << (64 - PERIOD_SHIFT)) - 1;

    private final LongSupplier nanos;
    private final long origin;
    /** period (bits 40-63) | count of the current period (20-39) | count of the previous one (0-19). */
    private final AtomicLong state = new AtomicLong();
    private final AtomicInteger max = new AtomicInteger();

    PerSecondCounter(LongSupplier nanos) {
        this.nanos = nanos;
        this.origin = nanos.getAsLong();
    }

    /** Counts one event now. */
    void increment() {
        increment(nanos.getAsLong());
    }

    /** Counts one event at {@code now} (a reading of this counter's clock). */
    void increment(long now) {
        long p = period(now);
        long s;
        long next;
        do {
            s = state.get();
            next = rolled(s, p);
            if (current(next) < COUNT_MAX) {
                next += 1L << COUNT_BITS;
            }
        } while (!state.compareAndSet(s, next));
        Maximum.raise(max, (int) current(next));
    }

    /** Events over the last second, the previous period weighted by how much of it is still within it. */
    int rate() {
        long now = nanos.getAsLong();
        long s = rolled(state.get(), period(now));
        long into = (now - origin) % SECOND;
        return (int) (current(s) + previous(s) * (SECOND - into) / SECOND);
    }

    /** The most events counted within one one-second period. */
    int max() {
        return max.get();
    }

    private long period(long now) {
        return ((now - origin) / SECOND) & PERIOD_MASK;
    }

    /** The state as of period {@code p}: unchanged within the same period, else the count moves to "previous" (or is dropped when older). */
    private static long rolled(long s, long p) {
        long sp = s >>> PERIOD_SHIFT;
        if (sp == p) {
            return s;
        }
        long previous = ((sp + 1) & PERIOD_MASK) == p ? current(s) : 0;
        return p << PERIOD_SHIFT | previous;
    }

    private static long current(long s) {
        return (s >>> COUNT_BITS) & COUNT_MAX;
    }

    private static long previous(long s) {
        return s & COUNT_MAX;
    }
}
