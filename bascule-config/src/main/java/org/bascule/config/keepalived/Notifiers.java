package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * The notify scripts of a vrrp_instance or vrrp_sync_group (keepalived.conf(5)).
 *
 * @param master           {@code notify_master}
 * @param backup           {@code notify_backup}
 * @param fault            {@code notify_fault}
 * @param stop             {@code notify_stop}
 * @param deleted          {@code notify_deleted SCRIPT}
 * @param notifyDeleted    {@code notify_deleted} given (with or without a script): report
 *                         DELETED rather than FAULT for an instance removed by a reload
 * @param any              {@code notify}: called on every transition with 4 extra arguments
 * @param masterRxLowerPri {@code notify_master_rx_lower_pri}
 */
public record Notifiers(
        Optional<NotifyScript> master,
        Optional<NotifyScript> backup,
        Optional<NotifyScript> fault,
        Optional<NotifyScript> stop,
        Optional<NotifyScript> deleted,
        boolean notifyDeleted,
        Optional<NotifyScript> any,
        Optional<NotifyScript> masterRxLowerPri) {

    /** No script. */
    public static final Notifiers NONE = new Notifiers(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());

    public Notifiers {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(any, "any");
        Objects.requireNonNull(masterRxLowerPri, "masterRxLowerPri");
    }
}
