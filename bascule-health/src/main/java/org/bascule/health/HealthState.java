package org.bascule.health;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The health stream every tier consumes (DESIGN.md: L4, L7, BGP and DNS read health through this
 * one interface, never through each other).
 */
public interface HealthState {

    /**
     * Registers {@code listener}. It first receives the latest change of every known target (its
     * current state), then every later change, in sequence order, one at a time, on the
     * stream's delivery thread. A listener must return quickly and must not block.
     */
    Subscription subscribe(Consumer<HealthChange> listener);

    /** The latest delivered change of {@code target}, if it is known. */
    Optional<HealthChange> current(HealthTarget target);

    /** The latest delivered change of every known target. */
    Map<HealthTarget, HealthChange> currentAll();
}
