package org.bascule.l4;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bascule.health.HealthMonitor;
import org.bascule.health.Subscription;
import org.bascule.l4.table.IpvsTable;
import org.bascule.l4.table.IpvsTableSource;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L4 tier of one node: every NAT {@code virtual_server} of the configuration, listening,
 * checking its real servers and proxying, on one event loop per core (Netty native epoll).
 * It is the live table ({@link IpvsTableSource}) that {@code bascule ipvsadm} prints.
 *
 * <p>The tier runs its checkers on the {@link HealthMonitor} it is given and follows their
 * verdicts through the monitor's health stream, which other tiers may follow too. Closing the
 * tier stops its listeners, its checkers and its connections; the monitor stays the caller's.
 */
public final class L4Tier implements IpvsTableSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(L4Tier.class);

    private final EventLoopGroup group;
    private final List<NatVirtualServer> services;
    private final Subscription healthSubscription;
    private final ScheduledExecutorService estimator;

    private L4Tier(EventLoopGroup group, List<NatVirtualServer> services, Subscription healthSubscription,
            ScheduledExecutorService estimator) {
        this.group = group;
        this.services = List.copyOf(services);
        this.healthSubscription = healthSubscription;
        this.estimator = estimator;
    }

    /**
     * Binds every service (in order), starts the checkers of their real servers and the
     * 2-second rate estimator. If any service cannot listen, the ones already started are
     * closed again and the error names the service.
     *
     * @throws IllegalArgumentException when two services have the same address
     * @throws IllegalStateException    when a service cannot listen, or native epoll is not available
     */
    public static L4Tier start(List<VirtualServiceSpec> specs, L4Options options, HealthMonitor health) {
        Objects.requireNonNull(specs, "specs");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(health, "health");
        Set<ServiceAddress> addresses = new HashSet<>();
        for (VirtualServiceSpec spec : specs) {
            if (!addresses.add(spec.address())) {
                throw new IllegalArgumentException("virtual_server: " + spec.vip() + " (expected: each service once)");
            }
        }
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("native epoll transport unavailable: " + Epoll.unavailabilityCause(),
                    Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.effectiveIoThreads(), EpollIoHandler.newFactory());
        List<NatVirtualServer> services = new ArrayList<>();
        Subscription subscription = null;
        try {
            for (VirtualServiceSpec spec : specs) {
                services.add(new NatVirtualServer(spec, options, health, System::currentTimeMillis));
            }
            List<NatVirtualServer> all = List.copyOf(services);
            subscription = health.events().subscribe(change -> all.forEach(s -> s.onHealth(change)));
            for (NatVirtualServer s : services) {
                s.bind(group);
            }
            for (NatVirtualServer s : services) {
                s.startChecks();
            }
        } catch (RuntimeException e) {
            services.forEach(NatVirtualServer::close);
            if (subscription != null) {
                subscription.close();
            }
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
        ScheduledExecutorService estimator = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bascule-l4-estimator").daemon().factory());
        List<NatVirtualServer> all = List.copyOf(services);
        estimator.scheduleAtFixedRate(() -> all.forEach(NatVirtualServer::sample),
                RateEstimator.PERIOD_SECONDS, RateEstimator.PERIOD_SECONDS, TimeUnit.SECONDS);
        log.info("L4 tier started: {} virtual services on {} event loops", services.size(), options.effectiveIoThreads());
        return new L4Tier(group, services, subscription, estimator);
    }

    /** The running services, in configuration order. */
    public List<NatVirtualServer> services() {
        return services;
    }

    /** The service configured with (or bound to) {@code address}. */
    public Optional<NatVirtualServer> service(ServiceAddress address) {
        for (NatVirtualServer s : services) {
            if (s.spec().address().equals(address) || s.address().equals(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public IpvsTable snapshot() {
        List<ServiceView> views = new ArrayList<>(services.size());
        for (NatVirtualServer s : services) {
            views.add(s.view());
        }
        return new IpvsTable(views);
    }

    /** Stops listening and checking, closes every connection, and releases the event loops. */
    @Override
    public void close() {
        healthSubscription.close();
        estimator.shutdownNow();
        services.forEach(NatVirtualServer::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("L4 tier stopped");
    }
}
