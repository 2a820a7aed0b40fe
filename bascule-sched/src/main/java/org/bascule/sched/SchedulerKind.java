package org.bascule.sched;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One entry of the scheduler table: the IPVS name ({@code lb_algo}/{@code lvs_sched} in
 * keepalived.conf), other names it answers to, what ipvsadm's man page calls it, and how to
 * make a fresh instance for a service's settings.
 */
public record SchedulerKind(String name, List<String> aliases, String description,
        Function<SchedulerSettings<Object>, Scheduler<Object>> factory) {

    public SchedulerKind {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
    }
}
