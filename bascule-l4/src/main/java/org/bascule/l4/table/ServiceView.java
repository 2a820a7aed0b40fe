package org.bascule.l4.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual service as ipvsadm lists it. {@code scheduler} is IPVS's name ({@code rr},
 * {@code wrr}, ...); {@code schedulerFlags} are ipvsadm's flag words ({@code sh-port},
 * {@code mh-fallback}, ...), in the order ipvsadm prints them.
 */
public record ServiceView(
        ServiceAddress address,
        String scheduler,
        List<String> schedulerFlags,
        Optional<Persistence> persistence,
        List<DestinationView> destinations,
        TrafficCounters counters,
        TrafficRates rates) {

    public ServiceView {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scheduler, "scheduler");
        schedulerFlags = List.copyOf(schedulerFlags);
        Objects.requireNonNull(persistence, "persistence");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(rates, "rates");
    }
}
