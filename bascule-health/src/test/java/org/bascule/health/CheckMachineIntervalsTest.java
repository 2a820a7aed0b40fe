package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.health.CheckTimeline.at;
import static org.bascule.health.CheckTimeline.ms;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * HAProxy's {@code inter}/{@code fastinter}/{@code downinter} (configuration.txt "fastinter"):
 * the interval while fully UP, while transitioning, while fully DOWN; on a fake clock.
 */
class CheckMachineIntervalsTest {

    /** inter 10 s, fastinter 1 s, downinter 4 s, rise 2, fall 3. */
    private static final CheckTiming TIMING = new CheckTiming(Duration.ofSeconds(10), 0, Duration.ZERO, false)
            .withRiseFall(new RiseFall(2, 3, Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(4))));

    @Test
    void fastWhileTransitioningSlowerWhileDownInterWhileUp() {
        var t = new CheckTimeline(TIMING, ms(0));
        // not checked yet counts as transitioning (UP, falls at the first failure): fastinter
        t.dueAt(0).passAt(5);
        // the pass made it fully UP: inter, counted from the check's start
        assertThat(t.state().nextDue()).isEqualTo(at(10_000));
        t.dueAt(10_000).failAt(10_005);
        // one failure of three: transitioning, so the next check comes after fastinter
        assertThat(t.state().health()).isEqualTo(Health.UP);
        assertThat(t.state().nextDue()).isEqualTo(at(11_000));
        t.dueAt(11_000).failAt(11_005);
        assertThat(t.state().nextDue()).isEqualTo(at(12_000));
        t.dueAt(12_000).failAt(12_005).expectHealth(Health.DOWN);
        // fully DOWN: downinter
        assertThat(t.state().nextDue()).isEqualTo(at(16_000));
        t.dueAt(16_000).passAt(16_005).expectHealth(Health.DOWN);
        // one pass of two: transitioning up, fastinter again
        assertThat(t.state().nextDue()).isEqualTo(at(17_000));
        t.dueAt(17_000).passAt(17_005).expectHealth(Health.UP);
        assertThat(t.state().nextDue()).isEqualTo(at(27_000));
    }

    @Test
    void aCheckLongerThanTheNewIntervalIsFollowedAtOnce() {
        var t = new CheckTimeline(TIMING, ms(0));
        t.dueAt(0).passAt(5);
        t.dueAt(10_000).failAt(11_500); // 1.5 s to fail, fastinter is 1 s
        assertThat(t.state().nextDue()).isEqualTo(at(11_500));
    }

    @Test
    void withoutThemEveryIntervalIsInter() {
        var plain = new CheckTiming(Duration.ofSeconds(10), 0, Duration.ZERO, false).withRiseFall(new RiseFall(2, 3));
        var t = new CheckTimeline(plain, ms(0));
        t.dueAt(0).failAt(5).expectHealth(Health.DOWN);
        assertThat(t.state().nextDue()).isEqualTo(at(10_000));
        t.dueAt(10_000).passAt(10_005);
        assertThat(t.state().nextDue()).isEqualTo(at(20_000));
    }
}
