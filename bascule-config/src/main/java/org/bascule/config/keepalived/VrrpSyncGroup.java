package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code vrrp_sync_group NAME { group { … } … }}: VRRP instances that change state together
 * (keepalived.conf(5), "VRRP synchronization group(s)").
 *
 * @param group                   the member vrrp_instance names (each must be defined)
 * @param tracking                track_interface/script/file/process/bfd of the group
 * @param notifiers                notify_master/backup/fault/stop and notify
 * @param smtpAlert               {@code smtp_alert}, else global smtp_alert_vrrp, else
 *                                smtp_alert, else false (vrrp_data.c)
 * @param syncGroupTrackingWeight {@code sync_group_tracking_weight} (or the deprecated
 *                                {@code global_tracking})
 * @param notifyPriorityChanges   {@code notify_priority_changes}
 */
public record VrrpSyncGroup(
        SourcePos pos,
        String name,
        List<String> group,
        Tracking tracking,
        Notifiers notifiers,
        boolean smtpAlert,
        boolean syncGroupTrackingWeight,
        boolean notifyPriorityChanges) {

    public VrrpSyncGroup {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
        group = List.copyOf(group);
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(notifiers, "notifiers");
    }
}
