package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** lc, wlc, sed, nq and fo against hand-worked cases of ip_vs_{lc,wlc,sed,nq,fo}.c. */
class LeastConnectionFamilyTest {

    /** {@code set("A", weight, active, inactive, ...)} */
    static DestinationSet<String> set(Object... v) {
        List<Destination<String>> members = new ArrayList<>();
        for (int i = 0; i < v.length; i += 4) {
            members.add(new Destination<>((String) v[i], (Integer) v[i + 1],
                    new Load((Integer) v[i + 2], (Integer) v[i + 3])));
        }
        return new DestinationSet<>(members);
    }

    static Optional<String> pick(Scheduler<String> s, DestinationSet<String> set) {
        return s.schedule(set, SchedulingTrace.FLOW);
    }

    @Test
    void lcTakesTheSmallestOverheadIgnoringWeights() {
        var lc = new LeastConnectionScheduler<String>();
        // overheads: A 2*256+0 = 512, B 1*256+300 = 556, C 1*256+10 = 266
        assertThat(pick(lc, set("A", 100, 2, 0, "B", 1, 1, 300, "C", 1, 1, 10))).contains("C");
        // one active weighs 256 inactive: 0 active + 255 inactive beats 1 active
        assertThat(pick(lc, set("A", 1, 1, 0, "B", 1, 0, 255))).contains("B");
        assertThat(pick(lc, set("A", 1, 1, 0, "B", 1, 0, 256))).contains("A"); // tie: first
    }

    @Test
    void lcSkipsDrainedMembers() {
        var lc = new LeastConnectionScheduler<String>();
        assertThat(pick(lc, set("A", 0, 0, 0, "B", 1, 5, 0))).contains("B");
        assertThat(pick(lc, set("A", 0, 0, 0))).isEmpty();
    }

    @Test
    void wlcDividesByWeight() {
        var wlc = new WeightedLeastConnectionScheduler<String>();
        // A: 3*256/3 = 256 per weight, B: 1*256/1 = 256: tie keeps the first
        assertThat(pick(wlc, set("A", 3, 3, 0, "B", 1, 1, 0))).contains("A");
        // A: 4*256/3 > B: 1*256/1
        assertThat(pick(wlc, set("A", 3, 4, 0, "B", 1, 1, 0))).contains("B");
        // weight 10 takes twice as many as weight 5 before looking worse
        assertThat(pick(wlc, set("A", 5, 2, 0, "B", 10, 3, 0))).contains("B");
        assertThat(pick(wlc, set("A", 5, 2, 0, "B", 10, 4, 0))).contains("A");
    }

    @Test
    void wlcNeverPicksWeightZeroEvenIdle() {
        var wlc = new WeightedLeastConnectionScheduler<String>();
        assertThat(pick(wlc, set("A", 0, 0, 0, "B", 1, 50, 50, "C", 0, 0, 0))).contains("B");
    }

    @Test
    void sedCountsOnlyActivePlusOne() {
        var sed = new ShortestExpectedDelayScheduler<String>();
        // A: (0+1)/1 = 1, B: (2+1)/4 = 0.75 -> B, although A is idle
        assertThat(pick(sed, set("A", 1, 0, 1000, "B", 4, 2, 0))).contains("B");
        // inactive does not matter: (1+1)/1 vs (1+1)/1, first
        assertThat(pick(sed, set("A", 1, 1, 999, "B", 1, 1, 0))).contains("A");
    }

    @Test
    void nqSendsToAnIdleServerAtOnce() {
        var nq = new NeverQueueScheduler<String>();
        // sed would pick B ((2+1)/4 < (0+1)/1): nq takes idle A
        assertThat(pick(nq, set("B", 4, 2, 0, "A", 1, 0, 1000))).contains("A");
        // none idle: shortest expected delay
        assertThat(pick(nq, set("A", 1, 1, 0, "B", 4, 2, 0))).contains("B");
        // an idle drained one is skipped
        assertThat(pick(nq, set("A", 0, 0, 0, "B", 1, 3, 0))).contains("B");
    }

    @Test
    void foTakesTheHighestWeightFirstOfEquals() {
        var fo = new FailoverScheduler<String>();
        assertThat(pick(fo, set("A", 5, 0, 0, "B", 10, 90, 0, "C", 10, 0, 0))).contains("B");
        assertThat(pick(fo, set("A", 5, 0, 0, "B", 0, 0, 0, "C", 1, 0, 0))).contains("A");
        assertThat(pick(fo, set("A", 0, 0, 0))).isEmpty();
    }

    @Test
    void liveCountsAreReadAtEachDecision() {
        var lc = new LeastConnectionScheduler<String>();
        Load a = new Load(0, 0);
        Load b = new Load(0, 0);
        var set = new DestinationSet<>(List.of(new Destination<>("A", 1, a), new Destination<>("B", 1, b)));
        assertThat(pick(lc, set)).contains("A");
        a.active = 1;
        assertThat(pick(lc, set)).contains("B");
        b.active = 2;
        assertThat(pick(lc, set)).contains("A");
    }

    @Test
    void membersThatCountThemselvesAreReadWithoutSayingSo() {
        record Counted(String name, long active) implements ConnectionCounts {
            public long activeConnections() {
                return active;
            }

            public long inactiveConnections() {
                return 0;
            }
        }
        var d = new Destination<>(new Counted("A", 7), 1);
        assertThat(d.counts().activeConnections()).isEqualTo(7);
        assertThat(new Destination<>("plain", 1).counts()).isSameAs(ConnectionCounts.NONE);
    }
}
