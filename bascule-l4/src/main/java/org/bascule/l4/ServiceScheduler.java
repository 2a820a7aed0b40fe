package org.bascule.l4;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.bascule.sched.DestinationSet;
import org.bascule.sched.Flow;
import org.bascule.sched.PersistenceEngine;
import org.bascule.sched.PersistenceTemplate;
import org.bascule.sched.Scheduler;
import org.bascule.sched.PersistenceSettings;
import org.bascule.sched.SchedulerFlag;
import org.bascule.sched.SchedulerSettings;
import org.bascule.sched.Schedulers;

/**
 * How one virtual service places a new connection: its IPVS scheduler ({@code lb_algo} with
 * its flags; {@code mh} hashes the real servers' addresses) behind the persistence engine when
 * the service has {@code persistence_timeout}, as IPVS consults a client's template before the
 * scheduler ({@code ip_vs_sched_persist}). Confined to the listener's event loop.
 */
final class ServiceScheduler {

    /** Where a connection goes, and the template that sent it there (to release when it closes). */
    record Placement(RealServer server, Optional<PersistenceTemplate<RealServer>> template) {}

    private final Scheduler<RealServer> scheduler;
    private final Optional<PersistenceEngine<RealServer>> persistence;
    private final LongSupplier nowMillis;

    ServiceScheduler(String name, Set<SchedulerFlag> flags, Optional<PersistenceSettings> persistence,
            LongSupplier nowMillis) {
        this.scheduler = Schedulers.create(name, SchedulerSettings.<RealServer>defaults()
                .withFlags(flags)
                .withAddress(RealServer::address));
        this.persistence = persistence.map(PersistenceEngine::new);
        this.nowMillis = nowMillis;
    }

    Optional<Placement> schedule(DestinationSet<RealServer> pool, InetSocketAddress client, InetSocketAddress service) {
        Flow flow = new Flow(client, service);
        if (persistence.isEmpty()) {
            return scheduler.schedule(pool, flow).map(rs -> new Placement(rs, Optional.empty()));
        }
        return persistence.get().schedule(pool, flow, scheduler, nowMillis.getAsLong())
                .map(t -> new Placement(t.member(), Optional.of(t)));
    }

    long now() {
        return nowMillis.getAsLong();
    }
}
