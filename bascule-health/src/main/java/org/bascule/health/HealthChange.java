package org.bascule.health;

import java.util.Objects;

/**
 * One entry of the health stream: {@code target} is now {@code health}, because of
 * {@code reason}. {@code sequence} increases by one per change across the whole stream, so a
 * consumer can tell order and notice nothing was lost. The first change of every target is
 * its initial state (reason {@link CheckStatus#INI}).
 */
public record HealthChange(HealthTarget target, Health health, CheckResult reason, long sequence) {

    public HealthChange {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(reason, "reason");
    }
}
