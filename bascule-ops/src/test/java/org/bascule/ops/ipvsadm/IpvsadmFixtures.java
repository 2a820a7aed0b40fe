package org.bascule.ops.ipvsadm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.IpvsTable;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceView;
import org.bascule.l4.table.TrafficCounters;
import org.bascule.l4.table.TrafficRates;

/** The tables of the golden listings (see golden/README.md), and a resolver with fixed names. */
public final class IpvsadmFixtures {
    private IpvsadmFixtures() {}

    /** The seed article's table (shared/seeds/000_*.txt, "# ipvsadm -ln"), in the order the blog printed it. */
    public static final IpvsTable SEED = new IpvsTable(List.of(
            tcp("192.168.10.9", 443, "rr", List.of(), Optional.of(new Persistence(1, "255.255.255.255")),
                    dest("192.168.10.70", 443, ForwardingMethod.ROUTE, 1, 0, 0),
                    dest("192.168.10.85", 443, ForwardingMethod.ROUTE, 1, 0, 0)),
            tcp("192.168.10.9", 80, "rr", List.of(), Optional.of(new Persistence(50, null)),
                    dest("192.168.10.70", 80, ForwardingMethod.ROUTE, 1, 416, 136),
                    dest("192.168.10.85", 80, ForwardingMethod.ROUTE, 1, 48, 91))));

    /** Counters across every print_largenum range. */
    static final IpvsTable COUNTERS = new IpvsTable(List.of(
            service(new ServiceAddress.Endpoint(L4Protocol.TCP, sa("10.1.1.1", 80)), "wlc", List.of(), Optional.empty(),
                    new TrafficCounters(1234, 123_456_789, 99_999_999, 123_456_789_012L, 5_000_000_000_000_000L),
                    new TrafficRates(12, 345, 100_000_000, 98_765_432, 1_234_567_890_123L),
                    new DestinationView(sa("10.1.2.2", 8080), ForwardingMethod.MASQ, 0, 0, 2,
                            new TrafficCounters(634, 63_456_789, 40_000_000, 23_456_789_012L, 4_000_000_000_000_000L),
                            new TrafficRates(1, 2, 3, 4, 5)),
                    new DestinationView(sa("10.1.2.1", 8080), ForwardingMethod.MASQ, 3, 5, 7,
                            new TrafficCounters(600, 60_000_000, 59_999_999, 100_000_000, 999_999_999_999L),
                            new TrafficRates(123_456_789, 5, 6, 100_000_000, 0))),
            udp("10.1.1.1", 53, "rr", List.of(), Optional.empty(), dest("10.1.3.1", 53, ForwardingMethod.ROUTE, 1, 0, 0))));

    static final String LONG_V6 = "2001:db8:1234:5678:9abc:def0:1234:5678";

    /** IPv6, fwmark, persistence masks, scheduler flags, every forwarding method; given out of ipvsadm's order. */
    static final IpvsTable MIXED = new IpvsTable(List.of(
            service(new ServiceAddress.Fwmark(2), "rr", List.of(), Optional.of(new Persistence(600, "64")),
                    TrafficCounters.ZERO, TrafficRates.ZERO,
                    dest("2001:db8::22", 80, ForwardingMethod.ROUTE, 1, 0, 0),
                    dest("2001:db8::21", 80, ForwardingMethod.ROUTE, 1, 4, 1)),
            service(new ServiceAddress.Endpoint(L4Protocol.TCP, sa("2001:db8::10", 443)), "wlc", List.of(), Optional.empty(),
                    new TrafficCounters(7, 8, 9, 10, 11), TrafficRates.ZERO,
                    new DestinationView(sa(LONG_V6, 8443), ForwardingMethod.MASQ, 5, 0, 0,
                            new TrafficCounters(1, 2, 3, 4, 5), TrafficRates.ZERO),
                    dest("2001:db8::a", 443, ForwardingMethod.MASQ, 10, 12, 3)),
            service(new ServiceAddress.Fwmark(1), "rr", List.of(), Optional.of(new Persistence(300, "255.255.255.0")),
                    TrafficCounters.ZERO, TrafficRates.ZERO,
                    dest("10.2.0.2", 80, ForwardingMethod.ROUTE, 1, 0, 0),
                    dest("10.2.0.1", 80, ForwardingMethod.ROUTE, 1, 0, 0)),
            // A prefix length for an IPv4 service prints as ipvsadm's dotted mask.
            tcp("10.0.0.1", 443, "sh", List.of("sh-fallback", "sh-port"), Optional.of(new Persistence(300, "24")),
                    dest("10.0.0.12", 443, ForwardingMethod.ROUTE, 1, 1, 0),
                    dest("10.0.0.11", 443, ForwardingMethod.ROUTE, 1, 2, 0)),
            udp("10.0.0.1", 53, "mh", List.of("mh-port"), Optional.empty(),
                    dest("10.0.0.21", 53, ForwardingMethod.TUNNEL, 2, 0, 0)),
            tcp("192.168.0.1", 80, "rr", List.of(), Optional.empty(),
                    dest("192.168.0.10", 80, ForwardingMethod.LOCAL, 1, 0, 0))));

    /** Services whose addresses have, and have not, reverse names in {@link #NAMES}. */
    static final IpvsTable NAMED = new IpvsTable(List.of(
            tcp("192.168.10.9", 80, "rr", List.of(), Optional.empty(),
                    dest("192.168.10.70", 80, ForwardingMethod.ROUTE, 1, 3, 4),
                    dest("192.168.10.85", 80, ForwardingMethod.ROUTE, 1, 0, 0),
                    dest("10.9.9.9", 8080, ForwardingMethod.MASQ, 2, 0, 0)),
            tcp("192.168.10.9", 443, "rr", List.of(), Optional.empty(),
                    dest("192.168.10.70", 443, ForwardingMethod.ROUTE, 1, 0, 0)),
            tcp("10.10.10.10", 443, "wrr", List.of(), Optional.empty(),
                    dest("10.10.10.11", 443, ForwardingMethod.ROUTE, 1, 0, 0)),
            udp("192.168.10.9", 80, "rr", List.of(), Optional.empty(),
                    dest("192.168.10.70", 80, ForwardingMethod.ROUTE, 1, 0, 0)),
            tcp("2001:db8::10", 80, "rr", List.of(), Optional.empty(),
                    dest("2001:db8::a", 8080, ForwardingMethod.MASQ, 1, 0, 0)),
            service(new ServiceAddress.Fwmark(7), "rr", List.of(), Optional.empty(), TrafficCounters.ZERO, TrafficRates.ZERO,
                    dest("192.168.10.70", 80, ForwardingMethod.ROUTE, 1, 0, 0))));

    /** Fixed reverse names and a two-line /etc/services; 192.168.10.85, 10.10.10.11 and 2001:db8::a have no name. */
    static final NameResolver NAMES = new FixedNames(
            Map.of("192.168.10.9", "www.example.com",
                    "192.168.10.70", "web1.example.com",
                    "10.9.9.9", "a-very-long-backend-hostname.example.org",
                    "2001:db8::10", "v6.example.com",
                    "10.10.10.10", "service-with-a-rather-long-name.example.net"),
            ServicesFile.parse(List.of(
                    "http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP",
                    "https\t\t443/tcp")));

    record FixedNames(Map<String, String> hosts, ServicesFile services) implements NameResolver {
        @Override
        public Optional<String> hostName(InetAddress address) {
            return Optional.ofNullable(hosts.get(AddressText.ntop(address)));
        }

        @Override
        public Optional<String> serviceName(int port, L4Protocol protocol) {
            return services.nameOf(port, protocol.name().toLowerCase());
        }

        @Override
        public Optional<InetAddress> hostAddress(String host) {
            return hosts.entrySet().stream().filter(e -> e.getValue().equals(host))
                    .map(e -> InetAddress.ofLiteral(e.getKey())).findFirst();
        }

        @Override
        public OptionalInt servicePort(String name, L4Protocol protocol) {
            return services.portOf(name, protocol.name().toLowerCase());
        }
    }

    /** A test resource of this package, as text. */
    public static String resource(String name) {
        try (InputStream in = IpvsadmFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("resource: " + name + " (expected: a file under org/bascule/ops/ipvsadm)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress sa(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    static DestinationView dest(String ip, int port, ForwardingMethod method, int weight, long active, long inactive) {
        return new DestinationView(sa(ip, port), method, weight, active, inactive, TrafficCounters.ZERO, TrafficRates.ZERO);
    }

    static ServiceView tcp(String ip, int port, String scheduler, List<String> flags, Optional<Persistence> persistence,
                           DestinationView... destinations) {
        return service(new ServiceAddress.Endpoint(L4Protocol.TCP, sa(ip, port)), scheduler, flags, persistence,
                TrafficCounters.ZERO, TrafficRates.ZERO, destinations);
    }

    static ServiceView udp(String ip, int port, String scheduler, List<String> flags, Optional<Persistence> persistence,
                           DestinationView... destinations) {
        return service(new ServiceAddress.Endpoint(L4Protocol.UDP, sa(ip, port)), scheduler, flags, persistence,
                TrafficCounters.ZERO, TrafficRates.ZERO, destinations);
    }

    static ServiceView service(ServiceAddress address, String scheduler, List<String> flags, Optional<Persistence> persistence,
                               TrafficCounters counters, TrafficRates rates, DestinationView... destinations) {
        return new ServiceView(address, scheduler, flags, persistence, List.of(destinations), counters, rates);
    }
}
