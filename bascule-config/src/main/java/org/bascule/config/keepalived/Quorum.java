package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * A virtual_server's pool-regression settings (keepalived.conf(5)).
 *
 * @param quorum     {@code quorum}: minimum total weight of live real servers, default 1;
 *                   keepalived lowers it to the total weight when it is higher (ipwrapper.c)
 * @param hysteresis {@code hysteresis}, default 0; at most quorum - 1
 * @param up         {@code quorum_up} script
 * @param down       {@code quorum_down} script
 */
public record Quorum(long quorum, long hysteresis, Optional<NotifyScript> up, Optional<NotifyScript> down) {

    /** keepalived's defaults: quorum 1, hysteresis 0, no scripts. */
    public static final Quorum DEFAULT = new Quorum(1, 0, Optional.empty(), Optional.empty());

    public Quorum {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }
}
