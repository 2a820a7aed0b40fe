package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link PerSecondCounter} and {@link RatedCounter} on a fake clock. */
class PerSecondCounterTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(5_000 * MS);

    @Test
    void countsTheLastSecondAndSlidesOverThePreviousOne() {
        PerSecondCounter c = new PerSecondCounter(now::get);
        assertThat(c.rate()).isZero();
        for (int i = 0; i < 10; i++) {
            c.increment();
        }
        assertThat(c.rate()).isEqualTo(10);
        now.addAndGet(1_000 * MS); // next period begins: all of the previous one is within the last second
        assertThat(c.rate()).isEqualTo(10);
        now.addAndGet(250 * MS); // a quarter into it: three quarters of the previous count remain
        c.increment();
        c.increment();
        assertThat(c.rate()).isEqualTo(2 + 7);
        now.addAndGet(750 * MS); // the 10 are more than a second old now
        assertThat(c.rate()).isEqualTo(2);
        now.addAndGet(5_000 * MS); // an idle gap drops everything
        assertThat(c.rate()).isZero();
        assertThat(c.max()).isEqualTo(10);
    }

    @Test
    void maxIsTheBusiestPeriod() {
        PerSecondCounter c = new PerSecondCounter(now::get);
        for (int s = 1; s <= 4; s++) {
            for (int i = 0; i < s * 3; i++) {
                c.increment();
            }
            now.addAndGet(1_000 * MS);
        }
        assertThat(c.max()).isEqualTo(12);
    }

    @Test
    void ratedCounterKeepsTotalRateAndLastEvent() {
        RatedCounter c = new RatedCounter(now::get);
        assertThat(c.secondsSinceLast()).isEqualTo(-1);
        c.increment();
        c.increment();
        now.addAndGet(3_400 * MS);
        assertThat(c.sum()).isEqualTo(2);
        assertThat(c.secondsSinceLast()).isEqualTo(3);
        assertThat(c.rate()).isZero();
        assertThat(c.maxRate()).isEqualTo(2);
    }

    @Test
    void incrementsFromSeveralThreadsAreAllCounted() throws Exception {
        PerSecondCounter c = new PerSecondCounter(now::get);
        Thread[] loops = new Thread[4];
        for (int t = 0; t < loops.length; t++) {
            loops[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    c.increment();
                }
            });
        }
        for (Thread t : loops) {
            t.join(10_000);
        }
        assertThat(c.rate()).isEqualTo(80_000);
        assertThat(c.max()).isEqualTo(80_000);
        now.addAndGet(1_000 * MS); // the next period: all of it now "previous", at full weight at its start
        assertThat(c.rate()).isEqualTo(80_000);
    }

    @Test
    void aCountSaturatesInsteadOfSpillingIntoThePeriod() {
        PerSecondCounter c = new PerSecondCounter(now::get);
        for (int i = 0; i < PerSecondCounter.COUNT_MAX + 10; i++) {
            c.increment();
        }
        assertThat(c.rate()).isEqualTo(PerSecondCounter.COUNT_MAX);
        now.addAndGet(1_500 * MS);
        assertThat(c.rate()).isEqualTo(PerSecondCounter.COUNT_MAX / 2);
    }
}
