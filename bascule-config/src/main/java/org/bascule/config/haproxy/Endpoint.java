package org.bascule.config.haproxy;

import java.util.Objects;

/**
 * An address a {@code bind}, {@code server} or {@code stats socket} line names: an internet
 * host and port (range), or a UNIX socket path.
 */
public sealed interface Endpoint {

    /**
     * @param host      an IPv4 or IPv6 literal (without brackets) or a host name; empty for
     *                  "every address" ({@code :80}, {@code *:80})
     * @param firstPort the port, or the first of a range ({@code :8000-8010}); 0 on a server
     *                  means "the port the client connected to"
     * @param lastPort  the last port of the range, equal to {@code firstPort} for one port
     * @param portOffset true for a server's {@code +N}/{@code -N}: the port is relative to the
     *                   client's destination port
     */
    record Inet(String host, int firstPort, int lastPort, boolean portOffset) implements Endpoint {
        public Inet {
            Objects.requireNonNull(host, "host");
        }

        /** True for {@code :80}, {@code *:80}, {@code 0.0.0.0:80} and {@code [::]:80}. */
        public boolean anyAddress() {
            return host.isEmpty() || host.equals("*") || host.equals("0.0.0.0") || host.equals("::");
        }

        /** True when the host is an IPv6 literal. */
        public boolean ipv6() {
            return host.contains(":");
        }

        @Override
        public String toString() {
            String h = ipv6() ? "[" + host + "]" : host;
            String port = portOffset && firstPort >= 0 ? "+" + firstPort : Integer.toString(firstPort);
            return h + ":" + port + (lastPort != firstPort ? "-" + lastPort : "");
        }
    }

    /**
     * @param path            the socket path
     * @param abstractSocket true for Linux's abstract namespace ({@code abns@name})
     */
    record Unix(String path, boolean abstractSocket) implements Endpoint {
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return (abstractSocket ? "abns@" : "") + path;
        }
    }
}
