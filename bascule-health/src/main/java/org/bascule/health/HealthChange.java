package org.bascule.health;

import java.util.Objects;

/**
 * One entry of the health stream: {@code target} is now {@code health}, because of
 * {@code reason}, with the {@code feedback} (weight, administrative state) standing for it.
 * {@code sequence} increases by one per change across the whole stream, so a consumer can tell
 * order and notice nothing was lost. The first change of every target is its initial state
 * (reason {@link CheckStatus#INI}). A change may keep the health and change only the feedback
 * (an agent saying {@code drain}, a MISC_CHECK exiting with a new weight).
 */
public record HealthChange(HealthTarget target, Health health, CheckResult reason, long sequence, Feedback feedback) {

    public HealthChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(feedback, "feedback");
    }

    /** A change without feedback. */
    public HealthChange(HealthTarget target, Health health, CheckResult reason, long sequence) {
        this(target, health, reason, sequence, Feedback.NONE);
    }
}
