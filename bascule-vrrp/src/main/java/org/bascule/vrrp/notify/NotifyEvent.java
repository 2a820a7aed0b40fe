package org.bascule.vrrp.notify;

import java.util.Objects;
import org.bascule.vrrp.fsm.VrrpRole;

/**
 * A state change to report: of an instance, or of a sync group (whose members changed
 * together).
 *
 * @param group    true for a {@code vrrp_sync_group}, false for a {@code vrrp_instance}
 * @param name     its name
 * @param role     the state entered
 * @param priority the instance's priority then (keepalived passes 0 for a group)
 */
public record NotifyEvent(boolean group, String name, VrrpRole role, int priority) {

    public NotifyEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** "INSTANCE" or "GROUP", the first argument of a {@code notify} script. */
    public String kind() {
        return group ? "GROUP" : "INSTANCE";
    }
}
