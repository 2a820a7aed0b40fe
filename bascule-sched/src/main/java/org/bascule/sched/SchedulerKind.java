package org.bascule.sched;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One entry of the scheduler table: the IPVS name ({@code lb_algo}/{@code lvs_sched} in
 * keepalived.conf), what ipvsadm's man page calls it, and how to make a fresh instance.
 */
public record SchedulerKind(String name, String description, Supplier<Scheduler<?>> factory) {

    public SchedulerKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
    }
}
