package org.bascule.l4.table;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One real server of a service as ipvsadm lists it. {@code weight} is the live weight
 * (0 while drained or, with {@code inhibit_on_failure}, while failed). Active connections
 * are established ones; inactive are those closed recently and still held, as IPVS keeps
 * FIN_WAIT/TIME_WAIT entries.
 */
public record DestinationView(
        InetSocketAddress address,
        ForwardingMethod method,
        int weight,
        long activeConns,
        long inactiveConns,
        TrafficCounters counters,
        TrafficRates rates) {

    public DestinationView {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(rates, "rates");
    }
}
