package org.bascule.vrrp.codec;

import java.net.InetAddress;
import java.util.Objects;

/** A packet from {@code peer} dropped for {@code reason}. */
public record Rejected(InetAddress peer, DropReason reason) implements DecodeResult {

    public Rejected {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code VRRP advert from 10.77.0.2 dropped: checksum: 0x1234 (expected: 0x5678)}. */
    public String message() {
        return "VRRP advert from " + peer.getHostAddress() + " dropped: " + reason.describe();
    }
}
