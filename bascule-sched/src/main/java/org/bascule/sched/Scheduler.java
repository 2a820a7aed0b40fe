package org.bascule.sched;

import java.util.Optional;

/**
 * Picks the destination of a new connection, the {@code .schedule} operation of an IPVS
 * scheduler ({@code struct ip_vs_scheduler} in {@code include/net/ip_vs.h}).
 *
 * <p>A scheduler keeps a small cursor (IPVS's {@code svc->sched_data}) and is <em>not</em>
 * thread-safe: give each virtual service its own instance and call it from one thread (the
 * event loop that accepts the service's connections), so the data path takes no lock.
 * Passing a set of another identity than the previous call is how membership and weight
 * changes reach it; it then adjusts its cursor the way the IPVS module does on
 * {@code add_dest}/{@code del_dest}/{@code upd_dest}.
 */
public interface Scheduler<T> {

    /** The IPVS name: {@code rr}, {@code wrr}, ... */
    String name();

    /**
     * The member that gets the connection, or empty when no destination has a weight above 0
     * (IPVS logs "no destination available" and drops the packet).
     */
    Optional<T> schedule(DestinationSet<T> set, Flow flow);
}
