package org.bascule.vrrp.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A well-formed advert and the IP facts the state machine needs: the sender (the master's
 * primary address, used to break priority ties, RFC 5798 §6.4.3) and the destination
 * (multicast group or our unicast address).
 */
public record Received(VrrpAdvert advert, InetAddress source, InetAddress destination, int ttl) implements DecodeResult {

    public Received {
        Objects.requireNonNull(advert, "advert");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
