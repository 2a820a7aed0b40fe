package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** twos (ip_vs_twos.c) with scripted draws, and the shares of weighted random. */
class RandomSchedulersTest {

    /** Returns the scripted values for bounded draws, in order. */
    static RandomGenerator scripted(long... draws) {
        ArrayDeque<Long> queue = new ArrayDeque<>();
        for (long d : draws) {
            queue.add(d);
        }
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                long v = queue.remove();
                assertThat(v).isBetween(0L, bound - 1);
                return v;
            }
        };
    }

    @Test
    void twosDrawsAsTheKernelAndKeepsTheLessLoaded() {
        // weights A 2, B 3, C 5: total 10, draws in [0, 10]
        var set = LeastConnectionFamilyTest.set("A", 2, 5, 0, "B", 3, 1, 0, "C", 5, 0, 0);
        // draw 2 -> A (2-2 <= 0), draw 3 -> B (3-2=1, 1-3 <= 0); B has less load per weight
        var twos = new TwoChoicesScheduler<String>(scripted(2, 3));
        assertThat(twos.schedule(set, SchedulingTrace.FLOW)).contains("B");
        // draw 0 lands on the first member: the kernel's "+1" bias
        twos = new TwoChoicesScheduler<>(scripted(0, 10));
        // A overhead 5*256=1280 w2; C overhead 0 w5: C
        assertThat(twos.schedule(set, SchedulingTrace.FLOW)).contains("C");
        // equal load per weight keeps the first draw
        var even = LeastConnectionFamilyTest.set("A", 1, 1, 0, "B", 1, 1, 0);
        twos = new TwoChoicesScheduler<>(scripted(2, 1));
        assertThat(twos.schedule(even, SchedulingTrace.FLOW)).contains("B");
    }

    @Test
    void twosSkipsDrainedMembers() {
        var set = LeastConnectionFamilyTest.set("A", 0, 0, 0, "B", 1, 9, 0);
        var twos = new TwoChoicesScheduler<String>(scripted(0, 1));
        assertThat(twos.schedule(set, SchedulingTrace.FLOW)).contains("B");
        assertThat(new TwoChoicesScheduler<String>(scripted()).schedule(
                LeastConnectionFamilyTest.set("A", 0, 0, 0), SchedulingTrace.FLOW)).isEmpty();
    }

    @Test
    void weightedRandomSharesFollowWeights() {
        var set = SchedulingTrace.set("A", 10, "B", 5, "C", 0, "D", 1);
        var random = new WeightedRandomScheduler<String>(RandomGenerator.of("L64X128MixRandom"));
        Map<String, Integer> counts = new HashMap<>();
        int picks = 160_000;
        for (int i = 0; i < picks; i++) {
            counts.merge(random.schedule(set, SchedulingTrace.FLOW).orElseThrow(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("C");
        assertThat(counts.get("A") / (double) picks).isCloseTo(10 / 16.0, within(0.01));
        assertThat(counts.get("B") / (double) picks).isCloseTo(5 / 16.0, within(0.01));
        assertThat(counts.get("D") / (double) picks).isCloseTo(1 / 16.0, within(0.005));
    }

    @Test
    void weightedRandomWithNothingAvailable() {
        var random = new WeightedRandomScheduler<String>(RandomGenerator.of("L64X128MixRandom"));
        assertThat(random.schedule(SchedulingTrace.set("A", 0), SchedulingTrace.FLOW)).isEmpty();
        assertThat(random.schedule(new DestinationSet<>(List.of()), SchedulingTrace.FLOW)).isEmpty();
    }
}
