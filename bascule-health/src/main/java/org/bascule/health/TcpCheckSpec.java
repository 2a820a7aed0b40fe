package org.bascule.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * keepalived's {@code TCP_CHECK}: the server is alive when a TCP connection to
 * {@code connect_ip}:{@code connect_port} (default: the real server's address) is established
 * within {@code connect_timeout} (default 5 s). {@code bindto}/{@code bind_port} choose the
 * source address.
 */
public record TcpCheckSpec(
        InetSocketAddress connectTo,
        Optional<InetSocketAddress> bindTo,
        Duration connectTimeout,
        CheckTiming timing) implements CheckSpec {

    /** keepalived's default {@code connect_timeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public TcpCheckSpec {
        Objects.requireNonNull(connectTo, "connectTo");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timing, "timing");
        if (connectTo.isUnresolved()) {
            throw new IllegalArgumentException("connect_ip: " + connectTo.getHostString() + " (expected: an IP address)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout: " + connectTimeout + " (expected: > 0)");
        }
    }

    /** A TCP_CHECK of {@code server} with keepalived's defaults. */
    public static TcpCheckSpec of(InetSocketAddress server) {
        return new TcpCheckSpec(server, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, CheckTiming.tcpCheckDefaults());
    }

    public TcpCheckSpec withTiming(CheckTiming timing) {
        return new TcpCheckSpec(connectTo, bindTo, connectTimeout, timing);
    }

    @Override
    public String label() {
        return "TCP_CHECK " + connectTo.getAddress().getHostAddress() + ":" + connectTo.getPort();
    }
}
