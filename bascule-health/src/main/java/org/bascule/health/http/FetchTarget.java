package org.bascule.health.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to GET: keepalived's connection options ({@code connect_ip}, {@code connect_port},
 * {@code bindto}/{@code bind_port}, {@code connect_timeout}) plus TLS for SSL_GET.
 *
 * @param connectTo      the address and port to connect to
 * @param bindTo         the source address and port, if chosen
 * @param connectTimeout for the connection, and for each read after it (keepalived's
 *                       {@code connection_to} arms every read with it)
 * @param deadline       the whole exchange is abandoned after this ({@code L7TOUT}), so a
 *                       server dripping bytes cannot hold a check forever
 * @param tls            TLS on top of TCP (SSL_GET), with the SNI name to send if any
 */
public record FetchTarget(InetSocketAddress connectTo, Optional<InetSocketAddress> bindTo, Duration connectTimeout,
        Duration deadline, Optional<Tls> tls) {

    /** SSL_GET's TLS: the certificate is not verified (keepalived's SSL_VERIFY_NONE without an {@code SSL} block). */
    public record Tls(Optional<String> sni) {
        public Tls {
            Objects.requireNonNull(sni, "sni");
        }
    }

    public FetchTarget {
        Objects.requireNonNull(connectTo, "connectTo");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(tls, "tls");
        if (connectTo.isUnresolved()) {
            throw new IllegalArgumentException("connect_ip: " + connectTo.getHostString() + " (expected: an IP address)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout: " + connectTimeout + " (expected: > 0)");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline: " + deadline + " (expected: > 0)");
        }
    }
}
