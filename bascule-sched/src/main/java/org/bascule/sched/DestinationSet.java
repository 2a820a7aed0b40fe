package org.bascule.sched;

import java.util.List;
import java.util.Objects;

/**
 * The destinations of one virtual service at one instant, in IPVS list order
 * ({@code svc->destinations}). Immutable: the control plane builds a new set when a weight,
 * a health state or the membership changes and publishes it through one volatile reference;
 * a {@link Scheduler} notices the new identity and re-derives its own state, the way IPVS
 * calls {@code add_dest}/{@code del_dest}/{@code upd_dest}.
 */
public record DestinationSet<T>(List<Destination<T>> members) {

    private static final DestinationSet<?> EMPTY = new DestinationSet<>(List.of());

    public DestinationSet {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
    }

    @SuppressWarnings("unchecked")
    public static <T> DestinationSet<T> empty() {
        return (DestinationSet<T>) EMPTY;
    }

    public int size() {
        return members.size();
    }

    public Destination<T> get(int index) {
        return members.get(index);
    }

    /** True when at least one member may take a new connection (weight above 0). */
    public boolean hasAvailable() {
        for (Destination<T> d : members) {
            if (d.weight() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Index of {@code member} (by equality), or -1. */
    public int indexOf(T member) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).member().equals(member)) {
                return i;
            }
        }
        return -1;
    }
}
