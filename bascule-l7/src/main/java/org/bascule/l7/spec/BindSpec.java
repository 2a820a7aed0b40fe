package org.bascule.l7.spec;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One {@code bind <address>:<port> [options]} line of a frontend.
 *
 * @param address     the address and port; {@code *:80} and {@code :80} are the IPv4 wildcard
 *                    {@code 0.0.0.0}, {@code :::80} the IPv6 wildcard; port 0 picks a free port
 *                    (tests)
 * @param v4v6        {@code v4v6}: an IPv6 wildcard also accepts IPv4 clients (as mapped
 *                    addresses)
 * @param v6only      {@code v6only}: an IPv6 wildcard accepts IPv6 clients only; with neither
 *                    option the kernel's default applies ({@code net.ipv6.bindv6only}, 0 on
 *                    Linux: IPv4 too), as in HAProxy
 * @param tls         {@code ssl crt …}: TLS termination on this bind
 * @param acceptProxy {@code accept-proxy}: every connection starts with a PROXY v1 or v2 header
 *                    from a trusted upstream; the client address it names replaces the peer's
 */
public record BindSpec(InetSocketAddress address, boolean v4v6, boolean v6only, Optional<TlsBind> tls, boolean acceptProxy) {

    public BindSpec {
        Require.nonNull(address, "bind");
        Require.nonNull(tls, "ssl");
        Require.that(!address.isUnresolved(), "bind", address.getHostString(), "an IP address");
        Require.range(address.getPort(), 0, 65535, "bind port");
        Require.that(!v4v6 || address.getAddress() instanceof Inet6Address, "v4v6", address, "an IPv6 bind address");
        Require.that(!v6only || address.getAddress() instanceof Inet6Address, "v6only", address, "an IPv6 bind address");
        Require.that(!(v4v6 && v6only), "v6only", "with v4v6", "one of v4v6 and v6only");
    }

    /** A bind without {@code v6only}: IPv6 wildcards follow {@code v4v6} or the kernel default. */
    public BindSpec(InetSocketAddress address, boolean v4v6, Optional<TlsBind> tls, boolean acceptProxy) {
        this(address, v4v6, false, tls, acceptProxy);
    }

    /** A plain {@code bind addr:port}. */
    public static BindSpec plain(InetSocketAddress address) {
        return new BindSpec(address, false, Optional.empty(), false);
    }
}
