package org.bascule.os;

import java.util.Objects;

/**
 * A change to a network interface, from rtnetlink's {@code RTNLGRP_LINK} group: its new state
 * (up, running...) or its removal. keepalived's {@code track_interface} reacts to these.
 */
public record LinkEvent(NetworkLink link, boolean removed) {

    public LinkEvent {
        Objects.requireNonNull(link, "link");
    }
}
