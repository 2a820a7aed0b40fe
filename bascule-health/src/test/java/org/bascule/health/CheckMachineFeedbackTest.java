package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.health.CheckTimeline.at;
import static org.bascule.health.CheckTimeline.ms;

import java.time.Duration;
import java.util.Optional;
import org.bascule.health.CheckAction.Transition;
import org.bascule.health.CheckAction.WakeAt;
import org.junit.jupiter.api.Test;

/** Weights, admin states, results without a verdict, and HAProxy's rise/fall, on a fake clock. */
class CheckMachineFeedbackTest {

    private static final CheckTiming KEEPALIVED = new CheckTiming(Duration.ofSeconds(10), 1, Duration.ofSeconds(3), false);

    private static CheckResult result(CheckStatus status, Feedback feedback) {
        return new CheckResult(status, "", ms(1), feedback);
    }

    @Test
    void aNewWeightIsPublishedWithoutAHealthChange() {
        var weight10 = Feedback.weight(new WeightChange.Absolute(10));
        var r = result(CheckStatus.PROCOK, weight10);
        var t = new CheckTimeline(KEEPALIVED, ms(0)).dueAt(0).finishAt(5, r)
                .expect(new Transition(Health.UP, r, weight10)).expectHealth(Health.UP);
        // the same weight again: nothing to say
        t.dueAt(10_000).finishAt(10_005, r).expect();
        assertThat(t.state().feedback()).isEqualTo(weight10);
    }

    @Test
    void feedbackStandsUntilChangedAndPartsAreReplacedSeparately() {
        var drain = new Feedback(Optional.empty(), Optional.of(AdminState.DRAIN));
        var half = Feedback.weight(new WeightChange.Percent(50));
        var t = new CheckTimeline(KEEPALIVED, ms(0)).dueAt(0).finishAt(1, result(CheckStatus.CHECKED, drain));
        t.dueAt(10_000).finishAt(10_001, result(CheckStatus.CHECKED, half));
        assertThat(t.state().feedback()).isEqualTo(new Feedback(Optional.of(new WeightChange.Percent(50)), Optional.of(AdminState.DRAIN)));
        var ready = new Feedback(Optional.empty(), Optional.of(AdminState.READY));
        t.dueAt(20_000).finishAt(20_001, result(CheckStatus.L7OKD, ready));
        assertThat(t.state().feedback()).isEqualTo(new Feedback(Optional.of(new WeightChange.Percent(50)), Optional.of(AdminState.READY)));
    }

    @Test
    void aResultWithoutVerdictNeitherRetriesNorChangesHealth() {
        var unreachableAgent = result(CheckStatus.CHECKED, Feedback.NONE);
        var t = new CheckTimeline(KEEPALIVED, ms(0)).dueAt(0).finishAt(5, unreachableAgent).expect().expectHealth(Health.UP);
        assertThat(t.state().retriesDone()).isZero();
        assertThat(t.state().nextDue()).isEqualTo(at(10_000));
    }

    @Test
    void riseAndFallNeedConsecutiveResults() {
        var rf = KEEPALIVED.withRiseFall(new RiseFall(2, 3));
        var t = new CheckTimeline(rf, ms(0));
        // HAProxy starts an unchecked server UP but one failure takes it down
        t.dueAt(0).failAt(1).expect(new Transition(Health.DOWN, new CheckResult(CheckStatus.L4CON, "Connection refused", ms(1))));
        // no retry timer in rise/fall mode: the next check comes with the period
        assertThat(t.state().nextDue()).isEqualTo(at(10_000));
        t.dueAt(10_000).passAt(10_001).expect().expectHealth(Health.DOWN);
        t.dueAt(20_000).failAt(20_001).expect().expectHealth(Health.DOWN); // streak broken
        t.dueAt(30_000).passAt(30_001).expect();
        t.dueAt(40_000).passAt(40_001).expectHealth(Health.UP);
        // now fall 3: two failures are not enough, a success resets, three in a row are
        t.dueAt(50_000).failAt(50_001).dueAt(60_000).failAt(60_001).expectHealth(Health.UP);
        t.dueAt(70_000).passAt(70_001).dueAt(80_000).failAt(80_001).dueAt(90_000).failAt(90_001).expectHealth(Health.UP);
        t.dueAt(100_000).failAt(100_001).expectHealth(Health.DOWN);
    }

    @Test
    void riseFallWithAlphaStartsDownAndNeedsRisePasses() {
        var rf = new CheckTiming(Duration.ofSeconds(1), 0, Duration.ZERO, true).withRiseFall(new RiseFall(3, 1));
        var t = new CheckTimeline(rf, ms(0)).expectHealth(Health.DOWN);
        t.dueAt(0).passAt(1).dueAt(1_000).passAt(1_001).expectHealth(Health.DOWN);
        t.dueAt(2_000).passAt(2_001).expectHealth(Health.UP);
        t.dueAt(3_000).failAt(3_001).expectHealth(Health.DOWN);
    }

    @Test
    void warmupBoundsTheFirstCheck() {
        var timing = KEEPALIVED.withWarmup(Duration.ZERO);
        new CheckTimeline(timing, ms(0)).expect(new WakeAt(at(0)));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> KEEPALIVED.withWarmup(Duration.ofSeconds(-1)))
                .withMessage("warmup: PT-1S (expected: >= 0)");
    }
}
