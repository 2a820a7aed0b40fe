package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.sched.SchedulingTrace.picks;
import static org.bascule.sched.SchedulingTrace.set;

import org.junit.jupiter.api.Test;

/** Sequences worked out by hand from ip_vs_wrr.c's passes (mw, di, cw). */
class WeightedRoundRobinSchedulerTest {

    @Test
    void weights432InterleaveAsIpvs() {
        // gcd 1, mw 4: pass cw=4 -> A; cw=3 -> A B; cw=2 -> A B C; cw=1 -> A B C
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 4, "B", 3, "C", 2), 18)).isEqualTo("AABABCABC" + "AABABCABC");
    }

    @Test
    void commonDivisorShortensTheCycle() {
        // weights 4,2: di 2, mw 4-1=3 -> passes cw=3 (A), cw=1 (A B)
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 4, "B", 2), 9)).isEqualTo("AAB" + "AAB" + "AAB");
    }

    @Test
    void weights10And5GiveTwoToOne() {
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 10, "B", 5), 6)).isEqualTo("AAB" + "AAB");
    }

    @Test
    void equalWeightsAreRoundRobin() {
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 3, "B", 3, "C", 3), 7)).isEqualTo("ABCABCA");
    }

    @Test
    void weightZeroIsNeverChosen() {
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 2, "B", 0, "C", 1), 6)).isEqualTo("AACAAC");
    }

    @Test
    void allZeroOrEmptyMeansNoDestination() {
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 0, "B", 0), 2)).isEqualTo("--");
        assertThat(picks(wrr, set(), 1)).isEqualTo("-");
    }

    @Test
    void changedSetRestartsFromTheHeadButKeepsTheThreshold() {
        // ip_vs_wrr_dest_changed: cl back to head, cw kept when it still fits
        var wrr = new WeightedRoundRobinScheduler<String>();
        var before = set("A", 4, "B", 3, "C", 2);
        assertThat(picks(wrr, before, 3)).isEqualTo("AAB"); // now cw = 3, cursor on B
        var after = set("A", 4, "B", 3, "C", 2, "D", 3);     // same weights, D added
        // cw stays 3, from the head: A B D; then cw 2: A B C D; cw 1: A B C D
        assertThat(picks(wrr, after, 11)).isEqualTo("ABD" + "ABCD" + "ABCD");
    }

    @Test
    void drainingTheCurrentMemberMovesOn() {
        var wrr = new WeightedRoundRobinScheduler<String>();
        assertThat(picks(wrr, set("A", 1, "B", 1), 1)).isEqualTo("A");
        assertThat(picks(wrr, set("A", 0, "B", 1), 3)).isEqualTo("BBB");
    }
}
