package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.health.CheckTimeline.at;
import static org.bascule.health.CheckTimeline.ms;

import java.time.Duration;
import org.bascule.health.CheckAction.SkipOverrun;
import org.bascule.health.CheckAction.StartCheck;
import org.bascule.health.CheckAction.Transition;
import org.bascule.health.CheckAction.WakeAt;
import org.junit.jupiter.api.Test;

/** keepalived's tcp_epilog timing, step by step on a fake clock (times in ms after T0). */
class CheckMachineTest {

    /** delay_loop 10 s, retry 2, delay_before_retry 3 s. */
    private static final CheckTiming TIMING = new CheckTiming(Duration.ofSeconds(10), 2, Duration.ofSeconds(3), false);
    private static final CheckResult REFUSED = new CheckResult(CheckStatus.L4CON, "Connection refused", ms(1));
    private static final CheckResult OK = new CheckResult(CheckStatus.L4OK, "", ms(1));

    @Test
    void startsUpAndFirstCheckComesAfterTheSpread() {
        new CheckTimeline(TIMING, ms(4_200))
                .expectHealth(Health.UP)
                .expect(new WakeAt(at(4_200)))
                .dueAt(4_200)
                .expect(new StartCheck(1), new WakeAt(at(14_200)));
    }

    @Test
    void alphaStartsDownAndOneSuccessMakesItUp() {
        var alpha = new CheckTiming(Duration.ofSeconds(10), 2, Duration.ofSeconds(3), true);
        new CheckTimeline(alpha, ms(0))
                .expectHealth(Health.DOWN)
                .dueAt(0)
                .passAt(5)
                .expect(new Transition(Health.UP, OK))
                .expectHealth(Health.UP);
    }

    @Test
    void successKeepsThePeriodOfDelayLoop() {
        var t = new CheckTimeline(TIMING, ms(0)).dueAt(0).passAt(20);
        t.expect(); // nothing new: the next check is still due at 10 s
        assertThat(t.state().nextDue()).isEqualTo(at(10_000));
        t.dueAt(10_000).expect(new StartCheck(1), new WakeAt(at(20_000)));
    }

    @Test
    void failuresAreRetriedAfterDelayBeforeRetryThenTheServerIsDown() {
        new CheckTimeline(TIMING, ms(0))
                .dueAt(0).failAt(10)
                .expect(new WakeAt(at(3_010))).expectHealth(Health.UP)
                .dueAt(3_010).expect(new StartCheck(2), new WakeAt(at(13_010)))
                .failAt(3_020)
                .expect(new WakeAt(at(6_020))).expectHealth(Health.UP)
                .dueAt(6_020).expect(new StartCheck(3), new WakeAt(at(16_020)))
                .failAt(6_030)
                .expect(new Transition(Health.DOWN, REFUSED))
                .expectHealth(Health.DOWN);
    }

    @Test
    void retryZeroMeansTheFirstFailureCounts() {
        var noRetry = new CheckTiming(Duration.ofSeconds(10), 0, Duration.ofSeconds(3), false);
        new CheckTimeline(noRetry, ms(0)).dueAt(0).failAt(10).expect(new Transition(Health.DOWN, REFUSED));
    }

    @Test
    void aSuccessBetweenRetriesResetsTheCount() {
        var t = new CheckTimeline(TIMING, ms(0))
                .dueAt(0).failAt(10)
                .dueAt(3_010).passAt(3_020).expect();
        assertThat(t.state().retriesDone()).isZero();
        t.dueAt(13_010).failAt(13_020).expect(new WakeAt(at(16_020))).expectHealth(Health.UP);
    }

    @Test
    void aDownServerKeepsBeingCheckedWithRetriesAndNoNewTransition() {
        var t = new CheckTimeline(TIMING, ms(0))
                .dueAt(0).failAt(1).dueAt(3_001).failAt(3_002).dueAt(6_002).failAt(6_003)
                .expectHealth(Health.DOWN)
                .dueAt(16_002).failAt(16_003).expect(new WakeAt(at(19_003)))
                .dueAt(19_003).failAt(19_004).dueAt(22_004).failAt(22_005)
                .expect().expectHealth(Health.DOWN);
        t.dueAt(32_004).passAt(32_010).expect(new Transition(Health.UP, OK));
    }

    @Test
    void aTimerSupersededByARetryIsIgnored() {
        var t = new CheckTimeline(TIMING, ms(0)).dueAt(0).failAt(10);
        // the periodic wake armed at start (10 s) is stale: the retry at 3.01 s replaced it
        t.staleDueAt(10_000, 10_000).expect();
        assertThat(t.state().running()).isFalse();
    }

    @Test
    void aCheckStillRunningWhenTheNextIsDueIsSkippedNotStacked() {
        var t = new CheckTimeline(TIMING, ms(0)).dueAt(0);
        t.dueAt(10_000).expect(new SkipOverrun(ms(10_000)), new WakeAt(at(20_000)));
        t.dueAt(20_000).expect(new SkipOverrun(ms(20_000)), new WakeAt(at(30_000)));
        assertThat(t.state().skipped()).isEqualTo(2);
        assertThat(t.state().running()).isTrue();
        t.passAt(25_000).expect();
        t.dueAt(30_000).expect(new StartCheck(1), new WakeAt(at(40_000)));
    }

    @Test
    void aTimedOutCheckIsAFailureLikeAnyOther() {
        var timeout = new CheckResult(CheckStatus.L4TOUT, "no answer within 5000ms", ms(5_000));
        var noRetry = new CheckTiming(Duration.ofSeconds(10), 0, Duration.ofSeconds(3), false);
        new CheckTimeline(noRetry, ms(0)).dueAt(0).finishAt(5_000, timeout)
                .expect(new Transition(Health.DOWN, timeout));
    }

    @Test
    void rejectsNonsenseTiming() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new CheckTiming(Duration.ZERO, 1, Duration.ofSeconds(1), false))
                .withMessage("delay_loop: PT0S (expected: > 0)");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new CheckTiming(Duration.ofSeconds(1), -1, Duration.ofSeconds(1), false))
                .withMessage("retry: -1 (expected: >= 0)");
    }
}
