package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.sched.SchedulingTrace.picks;
import static org.bascule.sched.SchedulingTrace.set;

import org.junit.jupiter.api.Test;

/** Sequences of ip_vs_rr.c: list order, skip weight 0, cursor survives membership changes. */
class RoundRobinSchedulerTest {

    @Test
    void cyclesInListOrderIgnoringWeights() {
        var rr = new RoundRobinScheduler<String>();
        assertThat(picks(rr, set("A", 5, "B", 1, "C", 100), 7)).isEqualTo("ABCABCA");
    }

    @Test
    void skipsQuiescedMembers() {
        var rr = new RoundRobinScheduler<String>();
        assertThat(picks(rr, set("A", 1, "B", 0, "C", 1), 4)).isEqualTo("ACAC");
    }

    @Test
    void nothingAvailable() {
        var rr = new RoundRobinScheduler<String>();
        assertThat(picks(rr, set("A", 0), 2)).isEqualTo("--");
        assertThat(picks(rr, set(), 1)).isEqualTo("-");
    }

    @Test
    void keepsItsPlaceWhenAMemberIsAdded() {
        var rr = new RoundRobinScheduler<String>();
        assertThat(picks(rr, set("A", 1, "B", 1, "C", 1), 2)).isEqualTo("AB");
        // IPVS adds at the list head: X in front; the cursor stays on B
        assertThat(picks(rr, set("X", 1, "A", 1, "B", 1, "C", 1), 5)).isEqualTo("CXABC");
    }

    @Test
    void removingTheLastChosenContinuesWithItsSuccessor() {
        var rr = new RoundRobinScheduler<String>();
        assertThat(picks(rr, set("A", 1, "B", 1, "C", 1, "D", 1), 2)).isEqualTo("AB");
        assertThat(picks(rr, set("A", 1, "C", 1, "D", 1), 4)).isEqualTo("CDAC");
    }

    @Test
    void removingTheLastChosenAtTheTailWrapsToTheFirst() {
        var rr = new RoundRobinScheduler<String>();
        assertThat(picks(rr, set("A", 1, "B", 1, "C", 1), 3)).isEqualTo("ABC");
        assertThat(picks(rr, set("A", 1, "B", 1), 3)).isEqualTo("ABA");
    }
}
