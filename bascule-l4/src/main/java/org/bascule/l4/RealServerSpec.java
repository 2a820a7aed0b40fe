package org.bascule.l4;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.health.CheckSpec;
import org.bascule.health.Script;

/**
 * keepalived's {@code real_server IP PORT} block: the server, its {@code weight} (default 1,
 * 0 = quiesced), {@code inhibit_on_failure} (a failed server stays listed with weight 0
 * instead of being removed from the table), and its checkers. A server with no checker is
 * always considered up; with several, it is up while every one of them is. {@code notify_up}
 * and {@code notify_down} run when it comes up or goes down.
 */
public record RealServerSpec(InetSocketAddress address, int weight, boolean inhibitOnFailure, List<CheckSpec> checks,
        Optional<Script> notifyUp, Optional<Script> notifyDown) {

    /** ipvsadm's limit for {@code -w}. */
    public static final int MAX_WEIGHT = 65535;

    public RealServerSpec {
        Objects.requireNonNull(address, "address");
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        Objects.requireNonNull(notifyUp, "notifyUp");
        Objects.requireNonNull(notifyDown, "notifyDown");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("real_server: " + address.getHostString() + " (expected: an IP address)");
        }
        if (address.getPort() <= 0) {
            throw new IllegalArgumentException("real_server port: " + address.getPort() + " (expected: 1-65535)");
        }
        checkWeight(weight);
    }

    /** A real server without notify scripts. */
    public RealServerSpec(InetSocketAddress address, int weight, boolean inhibitOnFailure, List<CheckSpec> checks) {
        this(address, weight, inhibitOnFailure, checks, Optional.empty(), Optional.empty());
    }

    /** A real server with that weight and no checker. */
    public static RealServerSpec of(InetSocketAddress address, int weight) {
        return new RealServerSpec(address, weight, false, List.of());
    }

    static int checkWeight(int weight) {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0-" + MAX_WEIGHT + ")");
        }
        return weight;
    }
}
