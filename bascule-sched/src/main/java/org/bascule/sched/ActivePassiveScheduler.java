package org.bascule.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Active/passive balancing with backup servers (SPEC R-C2, R-S4), as HAProxy's {@code backup}
 * server flag: the members not marked {@link Destination#backup() backup} are balanced by the
 * wrapped scheduler; only when none of them is available do the backups get new connections:
 * the first available backup in list order, or, with {@code allBackups} (HAProxy
 * {@code option allbackups}), all available backups balanced by the wrapped scheduler.
 *
 * <p>IPVS has no backup flag: with keepalived the same behaviour comes from the {@code fo}
 * scheduler (highest weight first) or from a {@code sorry_server}.
 */
public final class ActivePassiveScheduler<T> implements Scheduler<T> {

    private final Scheduler<T> active;
    private final Scheduler<T> passive;
    private final boolean allBackups;
    private DestinationSet<T> seen;
    private DestinationSet<T> primaries = DestinationSet.empty();
    private DestinationSet<T> backups = DestinationSet.empty();

    /**
     * @param active     balances the regular members
     * @param passive    balances the backups when {@code allBackups}; another instance than
     *                   {@code active}, as each keeps its own cursor
     * @param allBackups use every available backup rather than the first
     */
    public ActivePassiveScheduler(Scheduler<T> active, Scheduler<T> passive, boolean allBackups) {
        if (active == passive) {
            throw new IllegalArgumentException("passive: the active scheduler (expected: an instance of its own)");
        }
        this.active = active;
        this.passive = passive;
        this.allBackups = allBackups;
    }

    @Override
    public String name() {
        return active.name();
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        if (set != seen) {
            split(set);
            seen = set;
        }
        if (primaries.hasAvailable()) {
            return active.schedule(primaries, flow);
        }
        if (allBackups) {
            return passive.schedule(backups, flow);
        }
        for (Destination<T> d : backups.members()) {
            if (d.available()) {
                return Optional.of(d.member());
            }
        }
        return Optional.empty();
    }

    private void split(DestinationSet<T> set) {
        List<Destination<T>> p = new ArrayList<>();
        List<Destination<T>> b = new ArrayList<>();
        for (Destination<T> d : set.members()) {
            (d.backup() ? b : p).add(d);
        }
        primaries = new DestinationSet<>(p);
        backups = new DestinationSet<>(b);
    }
}
