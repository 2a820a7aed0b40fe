package org.bascule.vrrp.io;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of {@code virtual_routes}, in iproute2's words: {@code [blackhole|unreachable|prohibit]
 * PREFIX [via GW] [dev IF] [src IP] [metric N] [table N] [scope S]}.
 *
 * @param type 1 unicast, 6 blackhole, 7 unreachable, 8 prohibit (rtnetlink RTN_*)
 */
public record VirtualRoute(int type, InetAddress destination, int prefixLength, Optional<InetAddress> gateway, Optional<String> device,
        Optional<InetAddress> source, OptionalInt metric, OptionalInt table, OptionalInt scope) {

    public VirtualRoute {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(scope, "scope");
    }

    /**
     * Parses the words of a virtual_routes line; {@code defaultDevice} is the instance's
     * interface. Throws with the word at fault and what would be accepted.
     */
    public static VirtualRoute parse(List<String> words, String defaultDevice) {
        int type = 1;
        InetAddress dst = null;
        int prefix = -1;
        Optional<InetAddress> via = Optional.empty();
        Optional<String> dev = Optional.empty();
        Optional<InetAddress> src = Optional.empty();
        OptionalInt metric = OptionalInt.empty();
        OptionalInt table = OptionalInt.empty();
        OptionalInt scope = OptionalInt.empty();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "blackhole" -> type = 6;
                case "unreachable" -> type = 7;
                case "prohibit" -> type = 8;
                case "via", "gw" -> via = Optional.of(ip(arg(words, ++i, w)));
                case "dev", "oif" -> dev = Optional.of(arg(words, ++i, w));
                case "src" -> src = Optional.of(ip(arg(words, ++i, w)));
                case "metric", "preference" -> metric = OptionalInt.of(Integer.parseInt(arg(words, ++i, w)));
                case "table" -> table = OptionalInt.of(table(arg(words, ++i, w)));
                case "scope" -> scope = OptionalInt.of(VirtualAddress.scopeOf(arg(words, ++i, w)));
                default -> {
                    if (dst != null) {
                        throw new IllegalArgumentException("virtual_routes: unexpected word '" + w
                                + "' (expected: via, dev, src, metric, table or scope)");
                    }
                    String[] p = w.split("/", 2);
                    dst = ip(w.equals("default") ? "0.0.0.0" : p[0]);
                    int max = dst.getAddress().length * 8;
                    prefix = w.equals("default") ? 0 : p.length == 2 ? Integer.parseInt(p[1]) : max;
                    if (prefix < 0 || prefix > max) {
                        throw new IllegalArgumentException("virtual_routes: prefix '" + w + "' (expected: /0-/" + max + ")");
                    }
                }
            }
        }
        if (dst == null) {
            throw new IllegalArgumentException("virtual_routes: no destination in '" + String.join(" ", words) + "'");
        }
        if (type == 1 && dev.isEmpty() && via.isEmpty()) {
            dev = Optional.of(defaultDevice);
        }
        return new VirtualRoute(type, dst, prefix, via, dev, src, metric, table, scope);
    }

    private static String arg(List<String> words, int i, String keyword) {
        if (i >= words.size()) {
            throw new IllegalArgumentException("virtual_routes: '" + keyword + "' needs a value");
        }
        return words.get(i);
    }

    private static int table(String t) {
        return switch (t) {
            case "main" -> 254;
            case "local" -> 255;
            case "default" -> 253;
            default -> Integer.parseInt(t);
        };
    }

    private static InetAddress ip(String s) {
        if (!s.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("virtual_routes: '" + s + "' (expected: an IP address)");
        }
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("virtual_routes: '" + s + "' (expected: an IP address)", e);
        }
    }
}
