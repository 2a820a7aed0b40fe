package org.bascule.health.agent;

import org.bascule.health.Health;

/** The health words of an agent reply (HAProxy {@code agent-check}). */
public enum AgentHealth {
    /** Up, whatever the failures before: HAProxy sets the health counter to its top. */
    UP,
    /** Down. */
    DOWN,
    /** Down, the service was stopped on purpose. */
    STOPPED,
    /** Down, the service failed. */
    FAIL;

    public Health health() {
        return this == UP ? Health.UP : Health.DOWN;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
