package org.bascule.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the runner must do after a transition of the {@link CheckMachine}. */
public sealed interface CheckAction {

    /** Run the check now (on a virtual thread) and report a {@link CheckEvent.Finished}. */
    record StartCheck(int attempt) implements CheckAction {}

    /** Deliver {@link CheckEvent.Due}{@code (at)} at that instant. Earlier wake-ups become stale. */
    record WakeAt(Instant at) implements CheckAction {
        public WakeAt {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The verdict or the standing feedback changed: publish both. {@code to} may equal the
     * previous health when only the feedback (weight, drain, maint) moved.
     */
    record Transition(Health to, CheckResult cause, Feedback feedback) implements CheckAction {
        public Transition {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(feedback, "feedback");
        }

        /** A health change with no feedback standing. */
        public Transition(Health to, CheckResult cause) {
            this(to, cause, Feedback.NONE);
        }
    }

    /** A check was due while the previous one had been running for {@code runningFor}: not started. */
    record SkipOverrun(Duration runningFor) implements CheckAction {
        public SkipOverrun {
            Objects.requireNonNull(runningFor, "runningFor");
        }
    }
}
