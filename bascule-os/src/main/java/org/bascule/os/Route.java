package org.bascule.os;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route as {@code ip route} shows it and keepalived's {@code virtual_routes} declares it:
 * {@code 10.77.5.0/24 via 10.77.1.1 dev eth0 table 100 metric 10 src 10.77.1.2}.
 *
 * @param destination     the network (host bits beyond the prefix must be zero)
 * @param prefixLength    0-32 or 0-128
 * @param gateway         {@code via}
 * @param linkIndex       {@code dev}, by index
 * @param table           {@code table}: 254 is main, 255 local
 * @param metric          {@code metric} (RTA_PRIORITY)
 * @param preferredSource {@code src}
 * @param type            unicast, blackhole, unreachable...
 * @param scope           {@code scope}; when empty, link for a unicast route without gateway,
 *                        host for a local one, global otherwise (what {@code ip route} does)
 */
public record Route(InetAddress destination, int prefixLength, Optional<InetAddress> gateway, OptionalInt linkIndex,
        int table, OptionalInt metric, Optional<InetAddress> preferredSource, RouteType type,
        Optional<AddressScope> scope) {

    /** The main table. */
    public static final int MAIN = 254;

    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(linkIndex, "linkIndex");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(preferredSource, "preferredSource");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        int max = destination.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length: " + prefixLength + " (expected: 0-" + max + ")");
        }
        if (table <= 0) {
            throw new IllegalArgumentException("table: " + table + " (expected: 1-4294967295, 254 for main)");
        }
        IpFamily family = IpFamily.of(destination);
        gateway.ifPresent(g -> sameFamily(family, g, "via"));
        preferredSource.ifPresent(s -> sameFamily(family, s, "src"));
    }

    private static void sameFamily(IpFamily family, InetAddress address, String what) {
        if (IpFamily.of(address) != family) {
            throw new IllegalArgumentException(what + ": " + address.getHostAddress() + " (expected: an " + family
                    + " address like the destination)");
        }
    }

    /** A unicast route to {@code destination/prefixLength} in the main table; add {@code via}, {@code dev}... */
    public static Route to(InetAddress destination, int prefixLength) {
        return new Route(destination, prefixLength, Optional.empty(), OptionalInt.empty(), MAIN, OptionalInt.empty(),
                Optional.empty(), RouteType.UNICAST, Optional.empty());
    }

    public Route via(InetAddress gateway) {
        return new Route(destination, prefixLength, Optional.of(gateway), linkIndex, table, metric, preferredSource, type, scope);
    }

    public Route dev(int linkIndex) {
        return new Route(destination, prefixLength, gateway, OptionalInt.of(linkIndex), table, metric, preferredSource, type, scope);
    }

    public Route table(int table) {
        return new Route(destination, prefixLength, gateway, linkIndex, table, metric, preferredSource, type, scope);
    }

    public Route metric(int metric) {
        return new Route(destination, prefixLength, gateway, linkIndex, table, OptionalInt.of(metric), preferredSource, type, scope);
    }

    public Route src(InetAddress source) {
        return new Route(destination, prefixLength, gateway, linkIndex, table, metric, Optional.of(source), type, scope);
    }

    public Route type(RouteType type) {
        return new Route(destination, prefixLength, gateway, linkIndex, table, metric, preferredSource, type, scope);
    }

    public Route scope(AddressScope scope) {
        return new Route(destination, prefixLength, gateway, linkIndex, table, metric, preferredSource, type, Optional.of(scope));
    }

    public IpFamily family() {
        return IpFamily.of(destination);
    }

    /** The scope sent to the kernel when none is given, as iproute2 chooses it. */
    AddressScope effectiveScope() {
        return scope.orElseGet(() -> {
            if (type == RouteType.LOCAL) {
                return AddressScope.HOST;
            }
            if (type == RouteType.UNICAST && gateway.isEmpty() && family() == IpFamily.INET) {
                return AddressScope.LINK;
            }
            return AddressScope.GLOBAL;
        });
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (type != RouteType.UNICAST) {
            b.append(type.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        }
        b.append(destination.getHostAddress()).append('/').append(prefixLength);
        gateway.ifPresent(g -> b.append(" via ").append(g.getHostAddress()));
        linkIndex.ifPresent(i -> b.append(" dev#").append(i));
        if (table != MAIN) {
            b.append(" table ").append(table);
        }
        metric.ifPresent(m -> b.append(" metric ").append(m));
        preferredSource.ifPresent(s -> b.append(" src ").append(s.getHostAddress()));
        return b.toString();
    }
}
