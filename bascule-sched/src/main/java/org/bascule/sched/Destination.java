package org.bascule.sched;

import java.util.Objects;

/**
 * One member of a virtual service's destination list with its live weight, as IPVS holds it
 * in {@code struct ip_vs_dest}. Weight 0 means quiesced ("drained"): the destination stays
 * listed, its established connections go on, but no scheduler gives it a new one.
 *
 * @param <T> what the caller schedules (a real server of the L4 tier, a server of an L7 backend)
 */
public record Destination<T>(T member, int weight) {

    public Destination {
        Objects.requireNonNull(member, "member");
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }
}
