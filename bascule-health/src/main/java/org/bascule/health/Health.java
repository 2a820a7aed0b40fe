package org.bascule.health;

/** The verdict on a checked target, keepalived's {@code checker->is_up}. */
public enum Health {
    UP,
    DOWN;

    public boolean isUp() {
        return this == UP;
    }
}
