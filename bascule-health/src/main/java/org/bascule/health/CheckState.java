package org.bascule.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one checker stands, the fields keepalived keeps in {@code checker_t}, plus the overrun
 * bookkeeping Bascule adds, HAProxy's rise/fall count and the standing feedback.
 *
 * @param health        current verdict ({@code is_up})
 * @param retriesDone   failed checks already retried in the current run of failures ({@code retry_it})
 * @param runningSince  start of the check in flight, if one is
 * @param nextDue       when the next check is due; a {@link CheckEvent.Due} for another instant is stale
 * @param skipped       checks skipped because the previous one was still running when they were due
 * @param streak        with rise/fall: consecutive results against the current verdict
 * @param feedback      the weight and administrative state last reported, still in force
 */
public record CheckState(
        Health health,
        int retriesDone,
        Optional<Instant> runningSince,
        Instant nextDue,
        long skipped,
        int streak,
        Feedback feedback) {

    public CheckState {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(runningSince, "runningSince");
        Objects.requireNonNull(nextDue, "nextDue");
        Objects.requireNonNull(feedback, "feedback");
    }

    public CheckState(Health health, int retriesDone, Optional<Instant> runningSince, Instant nextDue, long skipped) {
        this(health, retriesDone, runningSince, nextDue, skipped, 0, Feedback.NONE);
    }

    public boolean running() {
        return runningSince.isPresent();
    }
}
