package org.bascule.health;

/**
 * The administrative state a server asks for through its agent (HAProxy {@code agent-check}
 * words {@code ready}, {@code drain}, {@code maint}; {@code srv_adm_set_*} in
 * {@code src/server.c}). It is separate from health: a drained server may be perfectly healthy.
 */
public enum AdminState {
    /** Back in rotation: cancels drain and maint. */
    READY,
    /** No new connections (weight 0 for new flows); established ones and persistence go on. */
    DRAIN,
    /** Out of rotation: no new connections; in-flight ones finish. */
    MAINT;

    /** Whether new connections may be scheduled to the server. */
    public boolean takesNewConnections() {
        return this == READY;
    }
}
