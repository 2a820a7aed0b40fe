package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.Objects;
import java.util.OptionalInt;
import org.bascule.config.SourcePos;

/**
 * One line of {@code unicast_peer { IP [min_ttl N] [max_ttl N] }}: a peer adverts are sent to
 * instead of the multicast group.
 */
public record UnicastPeer(SourcePos pos, InetAddress address, OptionalInt minTtl, OptionalInt maxTtl) {

    public UnicastPeer {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(minTtl, "minTtl");
        Objects.requireNonNull(maxTtl, "maxTtl");
    }
}
