package org.bascule.ops.ipvsadm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;

/**
 * The values of ipvsadm's editing options, read as {@code parse_options} and
 * {@code process_options} in ipvsadm.c read them: defaults included ({@code -s wlc}, {@code -p}
 * alone is 300 s, {@code -w 1}, {@code -g}), and the quirk that a direct-routing or tunnelled
 * real server always gets the service's port.
 */
final class EditArgs {
    /** ipvsadm's {@code DEF_SCHED}. */
    static final String DEFAULT_SCHEDULER = "wlc";
    /** {@code IPVS_SVC_PERSISTENT_TIMEOUT}: {@code -p} without a value. */
    static final int DEFAULT_PERSISTENCE = 300;
    /** ipvsadm's {@code MAX_TIMEOUT}: 31 days. */
    static final int MAX_TIMEOUT = 86400 * 31;

    private EditArgs() {}

    /** {@code -t}/{@code -u}/{@code --sctp-service}/{@code -f} as a service address. */
    static ServiceAddress service(ParsedOptions options, NameResolver names) {
        ParsedOptions.Occurrence o = options.get(IpvsadmGrammar.SERVICE).orElseThrow();
        String value = o.value().orElseThrow();
        return switch (o.option().longName()) {
            case "tcp-service" -> endpoint(ServiceSpecs.endpoint(L4Protocol.TCP, value, names));
            case "udp-service" -> endpoint(ServiceSpecs.endpoint(L4Protocol.UDP, value, names));
            case "sctp-service" -> endpoint(ServiceSpecs.endpoint(L4Protocol.SCTP, value, names));
            case "fwmark-service" -> {
                long mark = ServiceSpecs.fwmark(value).mark();
                if (mark > Integer.MAX_VALUE) {
                    throw IpvsadmException.usage("ipvsadm: invalid fwmark value '" + value + "' (expected: 1-" + Integer.MAX_VALUE + ")");
                }
                yield new ServiceAddress.Fwmark((int) mark);
            }
            default -> throw new IllegalStateException("service option " + o.token() + " has no reader");
        };
    }

    private static ServiceAddress endpoint(ServiceFilter.Endpoint e) {
        return new ServiceAddress.Endpoint(e.protocol(), new InetSocketAddress(e.address(), e.port()));
    }

    static String scheduler(ParsedOptions options) {
        return options.get(IpvsadmGrammar.SCHEDULER).flatMap(ParsedOptions.Occurrence::value).orElse(DEFAULT_SCHEDULER);
    }

    /** {@code -p [timeout]} and {@code -M netmask}; a netmask without {@code -p} is kept by IPVS and never shown. */
    static Optional<Persistence> persistence(ParsedOptions options, ServiceAddress service) {
        if (!options.has(IpvsadmGrammar.PERSISTENT)) {
            return Optional.empty();
        }
        int timeout = options.get(IpvsadmGrammar.PERSISTENT).flatMap(ParsedOptions.Occurrence::value)
                .map(v -> timeout(v, 1)).orElse(DEFAULT_PERSISTENCE);
        boolean ipv6 = service instanceof ServiceAddress.Endpoint(var p, var a) && !(a.getAddress() instanceof Inet4Address);
        String mask = options.get(IpvsadmGrammar.NETMASK).flatMap(ParsedOptions.Occurrence::value)
                .map(m -> ipv6 ? ipv6Mask(m) : ipv4Mask(m)).orElse(ipv6 ? "128" : "255.255.255.255");
        return Optional.of(new Persistence(timeout, mask));
    }

    /** {@code parse_timeout}: a decimal number from {@code min} to 31 days. */
    static int timeout(String text, int min) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < min || value > MAX_TIMEOUT) {
            throw IpvsadmException.usage("ipvsadm: invalid timeout value `" + text + "' specified (expected: "
                    + min + "-" + MAX_TIMEOUT + ")");
        }
        return (int) value;
    }

    private static String ipv4Mask(String text) {
        try {
            if (InetAddress.ofLiteral(text) instanceof Inet4Address v4) {
                return v4.getHostAddress();
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw IpvsadmException.usage("ipvsadm: illegal virtual server persistent mask specified '" + text
                + "' (expected: a dotted netmask such as 255.255.255.0)");
    }

    private static String ipv6Mask(String text) {
        int prefix;
        try {
            prefix = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            prefix = 0;
        }
        if (prefix < 1 || prefix > 128) {
            throw IpvsadmException.usage("ipvsadm: illegal ipv6 netmask specified '" + text + "' (expected: 1-128)");
        }
        return Integer.toString(prefix);
    }

    /** {@code -w}: 0-65535, default 1. */
    static int weight(ParsedOptions options) {
        return options.get(IpvsadmGrammar.WEIGHT).flatMap(ParsedOptions.Occurrence::value).map(v -> {
            long w;
            try {
                w = Long.parseLong(v);
            } catch (NumberFormatException e) {
                w = -1;
            }
            if (w < 0 || w > 65535) {
                throw IpvsadmException.usage("ipvsadm: illegal weight specified '" + v + "' (expected: 0-65535)");
            }
            return (int) w;
        }).orElse(1);
    }

    /** {@code -g} (the default), {@code -m}, {@code -i}. */
    static ForwardingMethod forwarding(ParsedOptions options) {
        return options.get(IpvsadmGrammar.FORWARD).map(o -> switch (o.option().longName()) {
            case "masquerading" -> ForwardingMethod.MASQ;
            case "ipip" -> ForwardingMethod.TUNNEL;
            default -> ForwardingMethod.ROUTE;
        }).orElse(ForwardingMethod.ROUTE);
    }

    /**
     * {@code -r host[:port]}: without a port the service's; and for {@code -a}/{@code -e} with
     * direct routing or tunnelling always the service's, since those methods cannot change it.
     */
    static InetSocketAddress realServer(ParsedOptions options, ServiceAddress service, boolean fixPortForDrAndTun,
            NameResolver names) {
        String value = options.get(IpvsadmGrammar.SERVER).flatMap(ParsedOptions.Occurrence::value).orElseThrow();
        L4Protocol protocol = service instanceof ServiceAddress.Endpoint(var p, var a) ? p : L4Protocol.TCP;
        int servicePort = service instanceof ServiceAddress.Endpoint(var p, var a) ? a.getPort() : 0;
        ServiceFilter.Endpoint parsed;
        try {
            parsed = ServiceSpecs.endpoint(protocol, value, names);
        } catch (IpvsadmException e) {
            throw IpvsadmException.usage("ipvsadm: illegal real server address[:port] specified '" + value
                    + "' (expected: host[:port], [ipv6-address]:port or an IPv6 address)");
        }
        boolean portGiven = value.startsWith("[") || (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':'));
        int port = portGiven ? parsed.port() : servicePort;
        ForwardingMethod method = forwarding(options);
        if (fixPortForDrAndTun && service instanceof ServiceAddress.Endpoint && method != ForwardingMethod.MASQ) {
            port = servicePort;
        }
        return new InetSocketAddress(parsed.address(), port);
    }
}
