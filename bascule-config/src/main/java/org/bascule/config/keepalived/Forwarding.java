package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * How packets reach a real server: the {@link LbKind} and, for TUN, its {@link Tunnel}.
 * A real or sorry server without its own {@code lvs_method} takes the virtual server's.
 */
public record Forwarding(LbKind kind, Optional<Tunnel> tunnel) {

    /** NAT, keepalived's default. */
    public static final Forwarding NAT = new Forwarding(LbKind.NAT, Optional.empty());

    public Forwarding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tunnel, "tunnel");
        if (tunnel.isPresent() && kind != LbKind.TUN) {
            throw new IllegalArgumentException("tunnel: " + tunnel.get() + " (expected: only with TUN)");
        }
    }

    /** The forwarding of {@code kind} with default tunnel options. */
    public static Forwarding of(LbKind kind) {
        return new Forwarding(kind, kind == LbKind.TUN ? Optional.of(Tunnel.IPIP) : Optional.empty());
    }
}
