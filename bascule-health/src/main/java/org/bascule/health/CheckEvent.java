package org.bascule.health;

import java.time.Instant;
import java.util.Objects;

/** What can happen to a checker: its timer fires, or the check in flight finishes. */
public sealed interface CheckEvent {

    /** The timer set for {@code due} (by a {@link CheckAction.WakeAt}) fired. */
    record Due(Instant due) implements CheckEvent {
        public Due {
            Objects.requireNonNull(due, "due");
        }
    }

    /** The check started by the last {@link CheckAction.StartCheck} returned. */
    record Finished(CheckResult result) implements CheckEvent {
        public Finished {
            Objects.requireNonNull(result, "result");
        }
    }
}
