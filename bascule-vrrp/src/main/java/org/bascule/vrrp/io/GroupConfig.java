package org.bascule.vrrp.io;

import java.util.List;
import java.util.Objects;
import org.bascule.vrrp.notify.NotifyScripts;

/** A {@code vrrp_sync_group}: its members, its own tracking, notify scripts and smtp_alert. */
public record GroupConfig(String name, List<String> members, List<TrackRef> tracking, NotifyScripts notifyScripts, boolean smtpAlert) {

    public GroupConfig {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        tracking = List.copyOf(tracking);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
    }
}
