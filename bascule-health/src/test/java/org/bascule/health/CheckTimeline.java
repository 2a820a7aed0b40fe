package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link CheckMachine} with a fake clock; records every action it asks for. */
final class CheckTimeline {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final CheckMachine machine;
    private CheckState state;
    private Instant now = T0;
    private List<CheckAction> last = List.of();

    CheckTimeline(CheckTiming timing, Duration spread) {
        machine = new CheckMachine(timing);
        record(machine.start(now, spread));
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** Moves the clock to {@code millis} after T0 and delivers the timer set for that instant. */
    CheckTimeline dueAt(long millis) {
        now = at(millis);
        record(machine.on(state, new CheckEvent.Due(now), now));
        return this;
    }

    CheckTimeline passAt(long millis) {
        return finishAt(millis, new CheckResult(CheckStatus.L4OK, "", ms(1)));
    }

    CheckTimeline failAt(long millis) {
        return finishAt(millis, new CheckResult(CheckStatus.L4CON, "Connection refused", ms(1)));
    }

    CheckTimeline finishAt(long millis, CheckResult result) {
        now = at(millis);
        record(machine.on(state, new CheckEvent.Finished(result), now));
        return this;
    }

    /** Delivers a timer for an instant the machine no longer waits for. */
    CheckTimeline staleDueAt(long millis, long dueMillis) {
        now = at(millis);
        record(machine.on(state, new CheckEvent.Due(at(dueMillis)), now));
        return this;
    }

    CheckState state() {
        return state;
    }

    List<CheckAction> actions() {
        return last;
    }

    CheckTimeline expect(CheckAction... actions) {
        assertThat(last).containsExactly(actions);
        return this;
    }

    CheckTimeline expectHealth(Health health) {
        assertThat(state.health()).isEqualTo(health);
        return this;
    }

    private void record(CheckStep step) {
        state = step.state();
        last = new ArrayList<>(step.actions());
    }
}
