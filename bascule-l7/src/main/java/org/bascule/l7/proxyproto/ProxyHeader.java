package org.bascule.l7.proxyproto;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A decoded PROXY header (proxy-protocol.txt §2.1, §2.2).
 */
public sealed interface ProxyHeader {

    /**
     * The connection was proxied for a client: TCP over IPv4 ({@code TCP4}, family 0x11) or IPv6
     * ({@code TCP6}, family 0x21). Both addresses are of one family.
     */
    record Proxied(InetSocketAddress source, InetSocketAddress destination) implements ProxyHeader {
        public Proxied {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            if ((source.getAddress() instanceof Inet4Address) != (destination.getAddress() instanceof Inet4Address)) {
                throw new IllegalArgumentException("addresses: " + source + " -> " + destination + " (expected: one address family)");
            }
        }

        public boolean ipv4() {
            return source.getAddress() instanceof Inet4Address;
        }
    }

    /**
     * v2 {@code LOCAL} command (a health check of the proxy itself), or v1 {@code UNKNOWN} /
     * a v2 family the receiver does not handle (AF_UNIX, UDP): the connection's own addresses apply.
     */
    record Local() implements ProxyHeader {}
}
