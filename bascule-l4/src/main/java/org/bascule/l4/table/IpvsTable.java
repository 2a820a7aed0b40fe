package org.bascule.l4.table;

import java.util.List;

/** The whole live table at one instant, services in configuration order. */
public record IpvsTable(List<ServiceView> services) {
    public IpvsTable {
        services = List.copyOf(services);
    }
}
