package org.bascule.l7;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A total that also knows its rate and its last event: a session or request counter of
 * {@code show stat} ({@code stot}/{@code req_tot} with {@code rate}/{@code rate_max},
 * {@code req_rate}/{@code req_rate_max}, and {@code lastsess}, "seconds since last session").
 * It replaces a plain {@link LongAdder} field, with the same {@code increment()}/{@code sum()},
 * so the places that count need not change to feed the rate.
 */
final class RatedCounter {

    private final LongAdder total = new LongAdder();
    private final PerSecondCounter perSecond;
    private final LongSupplier nanos;
    /** The clock at the last event; {@link Long#MIN_VALUE} before the first. */
    private volatile long lastNanos = Long.MIN_VALUE;

    RatedCounter() {
        this(System::nanoTime);
    }

    RatedCounter(LongSupplier nanos) {
        this.nanos = nanos;
        this.perSecond = new PerSecondCounter(nanos);
    }

    void increment() {
        long now = nanos.getAsLong();
        total.increment();
        perSecond.increment(now);
        lastNanos = now;
    }

    long sum() {
        return total.sum();
    }

    /** Events over the last second. */
    int rate() {
        return perSecond.rate();
    }

    /** The most events seen within one second. */
    int maxRate() {
        return perSecond.max();
    }

    /** Whole seconds since the last event, -1 before the first (HAProxy prints {@code lastsess} so). */
    long secondsSinceLast() {
        long last = lastNanos;
        return last == Long.MIN_VALUE ? -1 : (nanos.getAsLong() - last) / 1_000_000_000L;
    }
}
