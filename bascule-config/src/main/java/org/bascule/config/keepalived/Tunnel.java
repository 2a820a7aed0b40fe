package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The tunnel options of {@code lvs_method TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]}
 * (Linux 5.2+ for GUE, 5.3+ for GRE and checksums).
 *
 * @param type     ipip (default), gue or gre
 * @param port     the GUE destination port (required for gue, refused otherwise)
 * @param checksum nocsum (default), csum or remcsum
 */
public record Tunnel(String type, OptionalInt port, String checksum) {

    /** Plain IP-in-IP, keepalived's default tunnel. */
    public static final Tunnel IPIP = new Tunnel("ipip", OptionalInt.empty(), "nocsum");

    public Tunnel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(checksum, "checksum");
    }
}
