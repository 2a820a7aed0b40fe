package org.bascule.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one checker stands, the fields keepalived keeps in {@code checker_t}, plus the overrun
 * bookkeeping Bascule adds.
 *
 * @param health        current verdict ({@code is_up})
 * @param retriesDone   failed checks already retried in the current run of failures ({@code retry_it})
 * @param runningSince  start of the check in flight, if one is
 * @param nextDue       when the next check is due; a {@link CheckEvent.Due} for another instant is stale
 * @param skipped       checks skipped because the previous one was still running when they were due
 */
public record CheckState(
        Health health,
        int retriesDone,
        Optional<Instant> runningSince,
        Instant nextDue,
        long skipped) {

    public CheckState {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(runningSince, "runningSince");
        Objects.requireNonNull(nextDue, "nextDue");
    }

    public boolean running() {
        return runningSince.isPresent();
    }
}
