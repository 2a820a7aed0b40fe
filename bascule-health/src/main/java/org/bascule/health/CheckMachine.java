package org.bascule.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The timing rules of one checker as a pure function {@code (state, event, now) ->
 * (state, actions)}.
 *
 * <p>keepalived's rules by default, after {@code tcp_epilog} in {@code keepalived/check/check_tcp.c}:
 * <ul>
 *   <li>a check starts when due; the next one is due {@code delay_loop} after that start;</li>
 *   <li>a failure with fewer than {@code retry} retries done is retried after
 *       {@code delay_before_retry}, without changing the verdict;</li>
 *   <li>a failure with the retries used up makes an UP target DOWN (and resets the count);</li>
 *   <li>one success makes a DOWN target UP and resets the count;</li>
 *   <li>the first check is due after a spread the caller draws within {@code warmup}.</li>
 * </ul>
 * With {@link RiseFall} HAProxy's rules instead: {@code rise} consecutive passes to go UP,
 * {@code fall} consecutive failures to go DOWN, one check per {@code delay_loop} while fully UP,
 * per {@code fastinter} while transitioning and per {@code downinter} while fully DOWN
 * ({@link RiseFall#interval}).
 *
 * <p>A result whose status has no verdict ({@link CheckStatus#CHECKED}: an agent that answered
 * only {@code drain} or {@code 75%}, or could not be reached) leaves the health and the counts
 * alone. Any weight or administrative state a result carries replaces the standing one; when
 * that changes, a {@link CheckAction.Transition} publishes it even if the health did not move.
 *
 * <p>keepalived waits for a check to end before arming the next one, so a slow check stretches
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
        Health initial = timing.initialHealth();
        // HAProxy starts an unchecked server UP "but will fall down at first failure"
        int streak = timing.riseFall().filter(rf -> initial == Health.UP).map(rf -> rf.fall() - 1).orElse(0);
        CheckState s = new CheckState(initial, 0, Optional.empty(), due, 0, streak, Feedback.NONE);
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
        Instant next = now.plus(interval(s.health(), s.streak()));
        if (s.running()) {
            Duration runningFor = Duration.between(s.runningSince().orElseThrow(), now);
            CheckState skipped = new CheckState(s.health(), s.retriesDone(), s.runningSince(), next, s.skipped() + 1,
                    s.streak(), s.feedback());
            return new CheckStep(skipped, List.of(new CheckAction.SkipOverrun(runningFor), new CheckAction.WakeAt(next)));
        }
        CheckState running = new CheckState(s.health(), s.retriesDone(), Optional.of(now), next, s.skipped(),
                s.streak(), s.feedback());
        return new CheckStep(running, List.of(
                new CheckAction.StartCheck(s.retriesDone() + 1), new CheckAction.WakeAt(next)));
    }

    private CheckStep onFinished(CheckState s, CheckResult result, Instant now) {
        if (!s.running()) {
            return new CheckStep(s, List.of()); // nothing was in flight: a late report after a restart
        }
        Feedback feedback = result.feedback().over(s.feedback());
        Optional<Health> said = result.status().verdict();
        if (said.isEmpty()) {
            CheckState kept = new CheckState(s.health(), 0, Optional.empty(), s.nextDue(), s.skipped(), s.streak(), feedback);
            return new CheckStep(kept, publishIfChanged(s, s.health(), feedback, result));
        }
        if (timing.riseFall().isPresent()) {
            return riseFall(s, said.get(), feedback, result, timing.riseFall().get(), now);
        }
        if (said.get() == Health.DOWN && s.retriesDone() < timing.retry()) {
            Instant retryAt = now.plus(timing.delayBeforeRetry());
            List<CheckAction> actions = new ArrayList<>(publishIfChanged(s, s.health(), feedback, result));
            actions.add(new CheckAction.WakeAt(retryAt));
            return new CheckStep(new CheckState(s.health(), s.retriesDone() + 1, Optional.empty(), retryAt, s.skipped(),
                    0, feedback), actions);
        }
        Health verdict = said.get();
        // the periodic check armed at the start of this one stays due
        return new CheckStep(new CheckState(verdict, 0, Optional.empty(), s.nextDue(), s.skipped(), 0, feedback),
                publishIfChanged(s, verdict, feedback, result));
    }

    /** HAProxy's health counter, kept as a streak of results that disagree with the current verdict. */
    private CheckStep riseFall(CheckState s, Health said, Feedback feedback, CheckResult result, RiseFall rf, Instant now) {
        Health verdict = s.health();
        int streak;
        if (said == s.health()) {
            streak = 0;
        } else {
            streak = s.streak() + 1;
            if (streak >= (said == Health.UP ? rf.rise() : rf.fall())) {
                verdict = said;
                streak = 0;
            }
        }
        List<CheckAction> actions = new ArrayList<>(publishIfChanged(s, verdict, feedback, result));
        // fastinter/downinter: the standing changed, so the next check follows the new interval from this one's start
        Instant nextDue = s.nextDue();
        Instant wanted = s.runningSince().orElseThrow().plus(rf.interval(timing.delayLoop(), verdict, streak));
        if (!wanted.equals(nextDue)) {
            nextDue = wanted.isBefore(now) ? now : wanted;
            actions.add(new CheckAction.WakeAt(nextDue));
        }
        return new CheckStep(new CheckState(verdict, 0, Optional.empty(), nextDue, s.skipped(), streak, feedback), actions);
    }

    /** The period after a check that left {@code health} and {@code streak}: {@code delay_loop}, or HAProxy's intervals. */
    private java.time.Duration interval(Health health, int streak) {
        return timing.riseFall().map(rf -> rf.interval(timing.delayLoop(), health, streak)).orElse(timing.delayLoop());
    }

    private static List<CheckAction> publishIfChanged(CheckState before, Health health, Feedback feedback,
            CheckResult cause) {
        if (health == before.health() && feedback.equals(before.feedback())) {
            return List.of();
        }
        return List.of(new CheckAction.Transition(health, cause, feedback));
    }
}
