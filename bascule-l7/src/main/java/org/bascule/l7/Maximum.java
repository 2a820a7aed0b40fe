package org.bascule.l7;

import java.util.concurrent.atomic.AtomicInteger;

/** Highest-value-seen counters shared by the event loops ({@code rate_max}, {@code qmax}). */
final class Maximum {

    private Maximum() {
    }

    /**
     * Raises {@code max} to {@code value} if that is higher. Unlike {@code accumulateAndGet}, it
     * writes nothing when the value is not a new maximum (the usual case), so the loops that
     * count do not contend on the cache line for nothing.
     */
    static void raise(AtomicInteger max, int value) {
        int m;
        while (value > (m = max.get()) && !max.compareAndSet(m, value)) {
            // another loop raised it meanwhile: compare again
        }
    }
}
