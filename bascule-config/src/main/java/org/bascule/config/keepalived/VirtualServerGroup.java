package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code virtual_server_group NAME { … }}: several VIP:port pairs and fwmarks served by the
 * same real servers, referenced by {@code virtual_server group NAME} (keepalived.conf(5)).
 */
public record VirtualServerGroup(SourcePos pos, String name, List<VirtualServerGroupEntry> entries) {

    public VirtualServerGroup {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
        entries = List.copyOf(entries);
    }
}
