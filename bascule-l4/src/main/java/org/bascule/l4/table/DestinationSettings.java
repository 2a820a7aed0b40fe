package org.bascule.l4.table;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What {@code ipvsadm -a}/{@code -e} set on a real server: its address ({@code -r}), weight
 * ({@code -w}, default 1) and forwarding method ({@code -g} default, {@code -m}, {@code -i}).
 */
public record DestinationSettings(InetSocketAddress address, int weight, ForwardingMethod method) {
    public DestinationSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        if (weight < 0 || weight > 65535) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0-65535)");
        }
    }
}
