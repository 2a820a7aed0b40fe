package org.bascule.sched;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Client persistence of one virtual service, as IPVS's {@code ip_vs_sched_persist}: before the
 * scheduler is asked, the client's template (its address masked by the granularity) is looked
 * up; if it is alive and its member is still a destination of the service, the client goes
 * there again, whatever the scheduler would say, and the template's timer restarts. Otherwise
 * the scheduler picks (so a member of weight 0 never gets a new template) and a new template
 * binds the client to its choice.
 *
 * <p>"Still a destination" is {@code ip_vs_check_template}: the member is in the list, weight 0
 * included (a drained server keeps its persistent clients, which is how an IPVS drain lets
 * sessions finish), unless {@link PersistenceSettings#expireQuiescent()}. A member that left the
 * list (failed without {@code inhibit_on_failure}, or removed) invalidates its templates.
 *
 * <p>Pure: the caller passes the time. Confined to the scheduling thread, except
 * {@link PersistenceTemplate#released(long)}.
 */
public final class PersistenceEngine<T> {

    /** Sweep dead templates after this many new ones, so the table does not grow without bound. */
    private static final int SWEEP_EVERY = 1024;

    private final PersistenceSettings settings;
    private final Map<InetAddress, PersistenceTemplate<T>> templates = new HashMap<>();
    private int createdSinceSweep;

    public PersistenceEngine(PersistenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public PersistenceSettings settings() {
        return settings;
    }

    /**
     * The template that places {@code flow}'s new connection, reused or new, already counting
     * the connection (call {@link PersistenceTemplate#released(long)} when it closes); empty
     * when there is no template and the scheduler finds no destination.
     */
    public Optional<PersistenceTemplate<T>> schedule(DestinationSet<T> set, Flow flow, Scheduler<T> scheduler, long now) {
        InetAddress key = settings.granularity().apply(flow.client().getAddress());
        PersistenceTemplate<T> t = templates.get(key);
        if (t != null && (!t.alive(now) || !valid(set, t.member()))) {
            templates.remove(key);
            t = null;
        }
        if (t == null) {
            Optional<T> chosen = scheduler.schedule(set, flow);
            if (chosen.isEmpty()) {
                return Optional.empty();
            }
            t = new PersistenceTemplate<>(key, chosen.get(), settings.timeout().toMillis(), now);
            templates.put(key, t);
            if (++createdSinceSweep >= SWEEP_EVERY) {
                expire(now);
            }
        }
        t.used(now);
        return Optional.of(t);
    }

    /** Drops every template that has expired by {@code now}. */
    public void expire(long now) {
        createdSinceSweep = 0;
        templates.values().removeIf(t -> !t.alive(now));
    }

    /** The live templates (ipvsadm -Lc shows them as "NONE" entries). */
    public List<PersistenceTemplate<T>> templates(long now) {
        List<PersistenceTemplate<T>> live = new ArrayList<>();
        for (PersistenceTemplate<T> t : templates.values()) {
            if (t.alive(now)) {
                live.add(t);
            }
        }
        return live;
    }

    private boolean valid(DestinationSet<T> set, T member) {
        int i = set.indexOf(member);
        return i >= 0 && (!settings.expireQuiescent() || set.get(i).weight() > 0);
    }
}
