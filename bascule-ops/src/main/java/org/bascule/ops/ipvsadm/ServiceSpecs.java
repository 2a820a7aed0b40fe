package org.bascule.ops.ipvsadm;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.bascule.l4.table.L4Protocol;

/**
 * Reads a service-address the way ipvsadm's {@code parse_service} does: {@code host[:port]},
 * {@code [ipv6]:port}, or a bare IPv6 address (port 0); the host a dotted IPv4 address or a name
 * (IPv4 only, as {@code gethostbyname}); the port a number 0-65535 or a service name from
 * {@code /etc/services}. A string of digits alone is refused, as ipvsadm does.
 */
final class ServiceSpecs {
    private static final String EXPECTED = "(expected: host[:port], [ipv6-address]:port or an IPv6 address)";

    private ServiceSpecs() {}

    static ServiceFilter.Endpoint endpoint(L4Protocol protocol, String spec, NameResolver names) {
        if (spec.chars().allMatch(Character::isDigit)) {
            throw illegal(spec);
        }
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0 || close + 1 >= spec.length() || spec.charAt(close + 1) != ':') {
                throw illegal(spec);
            }
            InetAddress address = ipv6Literal(spec.substring(1, close));
            if (address == null) {
                throw illegal(spec);
            }
            return new ServiceFilter.Endpoint(protocol, address, port(protocol, spec, spec.substring(close + 2), names));
        }
        InetAddress bareIpv6 = ipv6Literal(spec);
        if (bareIpv6 != null) {
            return new ServiceFilter.Endpoint(protocol, bareIpv6, 0);
        }
        int colon = spec.lastIndexOf(':');
        String host = colon < 0 ? spec : spec.substring(0, colon);
        InetAddress address = ipv4(host, names);
        if (address == null) {
            throw illegal(spec);
        }
        int port = colon < 0 ? 0 : port(protocol, spec, spec.substring(colon + 1), names);
        return new ServiceFilter.Endpoint(protocol, address, port);
    }

    static ServiceFilter.Fwmark fwmark(String spec) {
        long mark;
        try {
            mark = Long.parseLong(spec);
        } catch (NumberFormatException e) {
            mark = -1;
        }
        if (mark <= 0 || mark > 0xFFFF_FFFFL) {
            throw IpvsadmException.usage("ipvsadm: invalid fwmark value '" + spec + "' (expected: an integer 1-4294967295)");
        }
        return new ServiceFilter.Fwmark(mark);
    }

    private static int port(L4Protocol protocol, String spec, String text, NameResolver names) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            if (text.length() <= 5 && Integer.parseInt(text) <= 65535) {
                return Integer.parseInt(text);
            }
            throw illegal(spec);
        }
        return names.servicePort(text, protocol).orElseThrow(() -> illegal(spec));
    }

    private static InetAddress ipv6Literal(String text) {
        if (text.indexOf(':') < 0) {
            return null;
        }
        try {
            // ::ffff:a.b.c.d comes back as IPv4, where inet_pton(AF_INET6) keeps it IPv6; the
            // table holds such an address as IPv4, so matching it as IPv4 finds the service.
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InetAddress ipv4(String host, NameResolver names) {
        if (host.isEmpty()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.ofLiteral(host);
            return a instanceof Inet6Address ? null : a;
        } catch (IllegalArgumentException notALiteral) {
            return names.hostAddress(host).orElse(null);
        }
    }

    private static IpvsadmException illegal(String spec) {
        return IpvsadmException.usage("ipvsadm: illegal virtual server address[:port] '" + spec + "' " + EXPECTED);
    }
}
