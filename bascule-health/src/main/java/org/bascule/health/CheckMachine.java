package org.bascule.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The timing rules of one keepalived checker as a pure function {@code (state, event, now) ->
 * (state, actions)}, after {@code tcp_epilog} in {@code keepalived/check/check_tcp.c}:
 * <ul>
 *   <li>a check starts when due; the next one is due {@code delay_loop} after that start;</li>
 *   <li>a failure with fewer than {@code retry} retries done is retried after
 *       {@code delay_before_retry}, without changing the verdict;</li>
 *   <li>a failure with the retries used up makes an UP target DOWN (and resets the count);</li>
 *   <li>one success makes a DOWN target UP and resets the count;</li>
 *   <li>the first check is due after a spread the caller draws within {@code delay_loop}.</li>
 * </ul>
 * keepalived waits for a check to end before arming the next one, so a slow check stretches
 * its period. Bascule keeps the period and instead skips a check that falls due while the
 * previous one still runs, reporting it ({@link CheckAction.SkipOverrun}) instead of stacking
 * probes on a struggling server.
 */
public final class CheckMachine {

    private final CheckTiming timing;

    public CheckMachine(CheckTiming timing) {
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    public CheckTiming timing() {
        return timing;
    }

    /** The state before any check: {@code alpha} decides UP or DOWN; the first check after {@code spread}. */
    public CheckStep start(Instant now, Duration spread) {
        Instant due = now.plus(spread);
        CheckState s = new CheckState(timing.initialHealth(), 0, Optional.empty(), due, 0);
        return new CheckStep(s, List.of(new CheckAction.WakeAt(due)));
    }

    public CheckStep on(CheckState state, CheckEvent event, Instant now) {
        return switch (event) {
            case CheckEvent.Due due -> onDue(state, due, now);
            case CheckEvent.Finished done -> onFinished(state, done.result(), now);
        };
    }

    private CheckStep onDue(CheckState s, CheckEvent.Due due, Instant now) {
        if (!due.due().equals(s.nextDue())) {
            return new CheckStep(s, List.of()); // a timer superseded by a retry or a later arm
        }
        Instant next = now.plus(timing.delayLoop());
        if (s.running()) {
            Duration runningFor = Duration.between(s.runningSince().orElseThrow(), now);
            CheckState skipped = new CheckState(s.health(), s.retriesDone(), s.runningSince(), next, s.skipped() + 1);
            return new CheckStep(skipped, List.of(new CheckAction.SkipOverrun(runningFor), new CheckAction.WakeAt(next)));
        }
        CheckState running = new CheckState(s.health(), s.retriesDone(), Optional.of(now), next, s.skipped());
        return new CheckStep(running, List.of(
                new CheckAction.StartCheck(s.retriesDone() + 1), new CheckAction.WakeAt(next)));
    }

    private CheckStep onFinished(CheckState s, CheckResult result, Instant now) {
        if (!s.running()) {
            return new CheckStep(s, List.of()); // nothing was in flight: a late report after a restart
        }
        List<CheckAction> actions = new ArrayList<>(2);
        if (!result.passed() && s.retriesDone() < timing.retry()) {
            Instant retryAt = now.plus(timing.delayBeforeRetry());
            actions.add(new CheckAction.WakeAt(retryAt));
            return new CheckStep(new CheckState(s.health(), s.retriesDone() + 1, Optional.empty(), retryAt, s.skipped()),
                    actions);
        }
        Health verdict = result.passed() ? Health.UP : Health.DOWN;
        if (verdict != s.health()) {
            actions.add(new CheckAction.Transition(verdict, result));
        }
        // the periodic check armed at the start of this one stays due
        return new CheckStep(new CheckState(verdict, 0, Optional.empty(), s.nextDue(), s.skipped()), actions);
    }
}
