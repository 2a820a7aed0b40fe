package org.bascule.health;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * keepalived's {@code PING_CHECK} ({@code keepalived/check/check_ping.c}): the server is alive
 * when an ICMP (or ICMPv6) echo request to {@code connect_ip} (default: the real server's
 * address) is answered within {@code connect_timeout} (default 5 s). {@code bindto} chooses the
 * source address and {@code bind_if} the interface (needed for an IPv6 link-local target);
 * {@code delay_loop}, {@code retry} and {@code delay_before_retry} work as for every checker.
 */
public record PingCheckSpec(
        InetAddress connectIp,
        Optional<InetAddress> bindTo,
        Optional<String> bindInterface,
        Duration connectTimeout,
        CheckTiming timing) implements CheckSpec {

    /** keepalived's default {@code connect_timeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public PingCheckSpec {
        Objects.requireNonNull(connectIp, "connectIp");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(bindInterface, "bindInterface");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timing, "timing");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout: " + connectTimeout + " (expected: > 0)");
        }
        if (bindTo.isPresent() && bindTo.get().getAddress().length != connectIp.getAddress().length) {
            throw new IllegalArgumentException("bindto: " + bindTo.get().getHostAddress() + " (expected: an address of the same"
                    + " family as connect_ip " + connectIp.getHostAddress() + ")");
        }
    }

    /** A PING_CHECK of {@code server} with keepalived's defaults. */
    public static PingCheckSpec of(InetAddress server) {
        return new PingCheckSpec(server, Optional.empty(), Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                CheckTiming.tcpCheckDefaults());
    }

    @Override
    public String label() {
        return "PING_CHECK " + connectIp.getHostAddress();
    }
}
