package org.bascule.config.haproxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Addresses as HAProxy's {@code str2sa_range} reads them: {@code [host]:port},
 * {@code ipv4@…}/{@code ipv6@…} prefixes, {@code [v6]:port}, {@code :::port} (the last colon
 * separates the port), UNIX paths and {@code abns@} names; port ranges on {@code bind} and port
 * offsets ({@code +N}/{@code -N}) on {@code server}.
 */
final class Addresses {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");

    private Addresses() {
    }

    /** What a caller accepts. */
    enum Use {
        /** {@code bind}: a port or range is required; the host may be empty (every address). */
        BIND,
        /** {@code server}: the port is optional (0 = client's port) and may be an offset. */
        SERVER,
        /** {@code stats socket} and other single listeners: one port, or a UNIX path. */
        SOCKET
    }

    /** The comma-separated addresses of a {@code bind} word. */
    static List<Endpoint> bindList(Word word, Problems problems) {
        List<Endpoint> result = new ArrayList<>();
        for (String part : word.text().split(",", -1)) {
            Optional<Endpoint> e = parse(part, word, Use.BIND, problems);
            if (e.isEmpty()) {
                return List.of();
            }
            result.add(e.get());
        }
        return result;
    }

    /** One address; reports and returns empty when invalid. */
    static Optional<Endpoint> parse(String text, Word word, Use use, Problems problems) {
        String rest = text;
        String family = "";
        int at = rest.indexOf('@');
        if (at > 0 && rest.substring(0, at).matches("[a-z0-9+]+")) {
            family = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        switch (family) {
            case "unix" -> {
                return unix(rest, false, word, problems);
            }
            case "abns" -> {
                return unix(rest, true, word, problems);
            }
            case "", "ipv4", "ipv6" -> {
            }
            default -> {
                problems.error(word.pos(), "unsupported address family", family + "@",
                        "ipv4@, ipv6@, unix@ or abns@ (fd@, sockpair@, udp@ and quic@ are not supported by Bascule)");
                return Optional.empty();
            }
        }
        if (family.isEmpty() && rest.startsWith("/")) {
            return unix(rest, false, word, problems);
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                problems.error(word, "missing ']' in address", "[IPv6]:port");
                return Optional.empty();
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                problems.error(word, "unexpected text after ']' in address", "[IPv6]:port");
                return Optional.empty();
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                host = rest;
                port = null;
            } else {
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
            }
        }
        if (!validHost(host, family)) {
            problems.error(word, "invalid address",
                    "an IPv4 or IPv6 address or a host name, with ':port' (IPv6 as [addr]:port), e.g. 192.0.2.1:80 or [::1]:80");
            return Optional.empty();
        }
        return port(port, host, word, use, problems);
    }

    private static Optional<Endpoint> port(String port, String host, Word word, Use use, Problems problems) {
        if (port == null || port.isEmpty()) {
            if (use == Use.SERVER) {
                return Optional.of(new Endpoint.Inet(host, 0, 0, false));
            }
            problems.error(word, "missing port in address", "host:port, e.g. :80 or 192.0.2.1:80");
            return Optional.empty();
        }
        boolean offset = false;
        int sign = 1;
        String digits = port;
        if (use == Use.SERVER && (port.startsWith("+") || port.startsWith("-"))) {
            offset = true;
            sign = port.startsWith("-") ? -1 : 1;
            digits = port.substring(1);
        }
        int dash = use == Use.BIND ? digits.indexOf('-') : -1;
        String first = dash < 0 ? digits : digits.substring(0, dash);
        String last = dash < 0 ? digits : digits.substring(dash + 1);
        OptionalLong a = Values.parseLong(first);
        OptionalLong b = Values.parseLong(last);
        int min = use == Use.SERVER ? 0 : 1;
        if (a.isEmpty() || b.isEmpty() || a.getAsLong() < min || b.getAsLong() > 65535 || a.getAsLong() > b.getAsLong()) {
            problems.error(word, "invalid port", (use == Use.BIND ? "a port from 1 to 65535 or a range such as 8000-8010"
                    : use == Use.SERVER ? "a port from 0 to 65535 or an offset such as +1000" : "a port from 1 to 65535"));
            return Optional.empty();
        }
        return Optional.of(new Endpoint.Inet(host, sign * (int) a.getAsLong(), sign * (int) b.getAsLong(), offset));
    }

    private static Optional<Endpoint> unix(String path, boolean abstractSocket, Word word, Problems problems) {
        if (path.isEmpty()) {
            problems.error(word, "missing socket path", "unix@/path or /path");
            return Optional.empty();
        }
        return Optional.of(new Endpoint.Unix(path, abstractSocket));
    }

    /** True for an empty host (any), {@code *}, an IP literal of the family, or a host name. */
    static boolean validHost(String host, String family) {
        if (host.isEmpty() || host.equals("*")) {
            return true;
        }
        if (host.contains(":")) {
            return !family.equals("ipv4") && ipv6Literal(host);
        }
        if (host.matches("[0-9.]+")) {
            return !family.equals("ipv6") && ipv4Literal(host);
        }
        return HOST_NAME.matcher(host).matches();
    }

    static boolean ipv4Literal(String text) {
        try {
            return text.matches("[0-9.]+") && Inet4Address.ofLiteral(text) != null && text.chars().filter(c -> c == '.').count() == 3;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean ipv6Literal(String text) {
        try {
            return text.indexOf('%') < 0 && Inet6Address.ofLiteral(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
