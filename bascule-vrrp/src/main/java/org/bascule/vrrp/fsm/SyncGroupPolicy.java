package org.bascule.vrrp.fsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vrrp_sync_group} (keepalived.conf(5)): the members change state together. When one
 * member goes MASTER, BACKUP or FAULT on its own, every other member is told to follow; when
 * the last faulted member recovers, the others leave FAULT for BACKUP. Changes made because of
 * the group itself are not propagated again.
 */
public final class SyncGroupPolicy {

    private SyncGroupPolicy() {
    }

    /** An event for one member. */
    public record Order(String member, VrrpEvent.SyncGroup event) {
    }

    /**
     * The orders that follow {@code member}'s {@code change}, given every member's state after
     * it ({@code states}, by instance name).
     */
    public static List<Order> follow(String member, VrrpAction.StateChanged change, Map<String, RouterState> states) {
        if (change.reason() == TransitionReason.SYNC_GROUP || change.reason() == TransitionReason.SHUTDOWN
                || change.reason() == TransitionReason.STARTUP) {
            return List.of();
        }
        VrrpRole target = change.to();
        if (change.from() == VrrpRole.FAULT && target != VrrpRole.FAULT) {
            boolean anyFaulted = states.entrySet().stream().anyMatch(e -> !e.getKey().equals(member) && e.getValue().faulted());
            if (anyFaulted) {
                return List.of();
            }
            target = VrrpRole.BACKUP;
        }
        if (target != VrrpRole.MASTER && target != VrrpRole.BACKUP && target != VrrpRole.FAULT) {
            return List.of();
        }
        List<Order> out = new ArrayList<>();
        for (String other : states.keySet()) {
            if (!other.equals(member)) {
                out.add(new Order(other, new VrrpEvent.SyncGroup(target)));
            }
        }
        return out;
    }
}
