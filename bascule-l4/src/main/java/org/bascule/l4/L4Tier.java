package org.bascule.l4;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bascule.health.HealthMonitor;
import org.bascule.health.Subscription;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.DestinationSettings;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.IpvsEditException;
import org.bascule.l4.table.IpvsEditException.Reason;
import org.bascule.l4.table.IpvsTable;
import org.bascule.l4.table.IpvsTableEditor;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceSettings;
import org.bascule.l4.table.ServiceView;
import org.bascule.sched.Schedulers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L4 tier of one node: every NAT {@code virtual_server} of the configuration, listening,
 * checking its real servers and proxying, on one event loop per core (Netty native io_uring, else epoll: {@link L4Transport}).
 * It is the live table ({@link IpvsTableEditor}) that {@code bascule ipvsadm} prints and edits.
 *
 * <p>The tier runs its checkers on the {@link HealthMonitor} it is given and follows their
 * verdicts through the monitor's health stream, which other tiers may follow too. Closing the
 * tier stops its listeners, its checkers and its connections; the monitor stays the caller's.
 *
 * <p>The set of services changes at run time ({@code ipvsadm -A/-D/-C}, {@link #apply} on
 * reload): it is a copy-on-write list published through one volatile field, so the estimator,
 * the sweeper and the health stream read it without a lock; every change is made under this
 * object's lock. A removed service stops listening and lets its established connections finish
 * on the tier's event loops.
 */
public final class L4Tier implements IpvsTableEditor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(L4Tier.class);

    private final EventLoopGroup group;
    private final L4Options options;
    private final HealthMonitor health;
    private volatile List<NatVirtualServer> services;
    private volatile IpvsTimeouts timeouts;
    private Subscription healthSubscription;
    private ScheduledExecutorService timers;

    private L4Tier(EventLoopGroup group, L4Options options, HealthMonitor health, List<NatVirtualServer> services) {
        this.group = group;
        this.options = options;
        this.health = health;
        this.services = List.copyOf(services);
        this.timeouts = new IpvsTimeouts(IpvsTimeouts.LINUX_DEFAULTS.tcpSeconds(),
                (int) options.tcpFinTimeout().toSeconds(), IpvsTimeouts.LINUX_DEFAULTS.udpSeconds());
    }

    /**
     * Binds every service (in order), starts the checkers of their real servers, the 2-second
     * rate estimator and the 1-second connection sweeper. If any service cannot listen, the
     * ones already started are closed again and the error names the service.
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
        L4Transport transport = L4Transport.current();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.effectiveIoThreads(), transport.ioHandlerFactory());
        List<NatVirtualServer> services = new ArrayList<>();
        L4Tier tier = null;
        try {
            for (VirtualServiceSpec spec : specs) {
                services.add(new NatVirtualServer(spec, options, health, System::currentTimeMillis));
            }
            tier = new L4Tier(group, options, health, services);
            L4Tier self = tier;
            tier.healthSubscription = health.events().subscribe(change -> self.services.forEach(s -> s.onHealth(change)));
            for (NatVirtualServer s : services) {
                s.bind(group);
            }
            for (NatVirtualServer s : services) {
                s.startChecks();
            }
        } catch (RuntimeException e) {
            services.forEach(NatVirtualServer::close);
            if (tier != null && tier.healthSubscription != null) {
                tier.healthSubscription.close();
            }
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bascule-l4-timers").daemon().factory());
        L4Tier self = tier;
        timers.scheduleAtFixedRate(() -> self.services.forEach(NatVirtualServer::sample),
                RateEstimator.PERIOD_SECONDS, RateEstimator.PERIOD_SECONDS, TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(self::sweep, 1, 1, TimeUnit.SECONDS);
        tier.timers = timers;
        log.info("L4 tier started: {} virtual services on {} event loops", services.size(), options.effectiveIoThreads());
        return tier;
    }

    /** The running services, in table order (configuration order, then services added at run time). */
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
        List<NatVirtualServer> now = services;
        List<ServiceView> views = new ArrayList<>(now.size());
        for (NatVirtualServer s : now) {
            views.add(s.view());
        }
        return new IpvsTable(views);
    }

    // ---- ipvsadm edits ----

    @Override
    public synchronized void addService(ServiceAddress address, ServiceSettings settings) {
        InetSocketAddress vip = endpoint(address);
        if (service(address).isPresent()) {
            throw new IpvsEditException(Reason.SERVICE_EXISTS, "service " + address + " already exists");
        }
        requireScheduler(settings.scheduler());
        VirtualServiceSpec spec = new VirtualServiceSpec(address, settings.scheduler(), ForwardingMethod.MASQ,
                List.of(), Optional.empty());
        NatVirtualServer s = new NatVirtualServer(spec, options, health, System::currentTimeMillis);
        start(s);
        s.timeouts(timeouts);
        s.edit(settings);
        log.info("{}: service added", s.label());
    }

    @Override
    public synchronized void editService(ServiceAddress address, ServiceSettings settings) {
        NatVirtualServer s = existing(address);
        requireScheduler(settings.scheduler());
        s.edit(settings);
    }

    @Override
    public synchronized void deleteService(ServiceAddress address) {
        remove(existing(address));
    }

    @Override
    public synchronized void clear() {
        List.copyOf(services).forEach(this::remove);
    }

    @Override
    public synchronized void zero(Optional<ServiceAddress> address) {
        if (address.isPresent()) {
            existing(address.get()).zero();
        } else {
            services.forEach(NatVirtualServer::zero);
        }
    }

    @Override
    public synchronized void addDestination(ServiceAddress service, DestinationSettings d) {
        NatVirtualServer s = existing(service);
        if (s.realServers().contains(d.address())) {
            throw new IpvsEditException(Reason.DESTINATION_EXISTS, "real server " + d.address() + " already in " + s.label());
        }
        refuseLoop(s, d);
        warnForwarding(s, d);
        s.addRealServer(RealServerSpec.of(d.address(), d.weight()));
    }

    @Override
    public synchronized void editDestination(ServiceAddress service, DestinationSettings d) {
        NatVirtualServer s = existing(service);
        if (!s.realServers().contains(d.address())) {
            throw new IpvsEditException(Reason.NO_SUCH_DESTINATION, "no real server " + d.address() + " in " + s.label());
        }
        warnForwarding(s, d);
        s.setWeight(d.address(), d.weight());
    }

    @Override
    public synchronized void deleteDestination(ServiceAddress service, InetSocketAddress destination) {
        NatVirtualServer s = existing(service);
        if (!s.realServers().contains(destination)) {
            throw new IpvsEditException(Reason.NO_SUCH_DESTINATION, "no real server " + destination + " in " + s.label());
        }
        s.removeRealServer(destination);
    }

    @Override
    public IpvsTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public synchronized void setTimeouts(IpvsTimeouts set) {
        timeouts = timeouts.merge(set);
        services.forEach(s -> s.timeouts(timeouts));
        log.info("timeouts (tcp tcpfin udp): {} {} {}", timeouts.tcpSeconds(), timeouts.tcpFinSeconds(), timeouts.udpSeconds());
    }

    @Override
    public List<ConnectionView> connections() {
        long now = System.currentTimeMillis();
        List<ConnectionView> out = new ArrayList<>();
        for (NatVirtualServer s : services) {
            out.addAll(s.connections(now));
        }
        return out;
    }

    // ---- reload ----

    /**
     * Makes the running table what {@code specs} say, in their order: services whose address is
     * in both keep running and are reconciled real server by real server (unchanged ones keep
     * their connections, counters and health state); new ones start; removed ones stop listening
     * and drain. Runtime edits are replaced by the file's content. A service that cannot listen
     * is logged and left out; the rest is applied.
     *
     * @return what was done, one line per change, for the log
     */
    public synchronized List<String> apply(List<VirtualServiceSpec> specs) {
        List<String> done = new ArrayList<>();
        Map<ServiceAddress, VirtualServiceSpec> wanted = specs.stream()
                .collect(Collectors.toMap(VirtualServiceSpec::address, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        for (NatVirtualServer s : List.copyOf(services)) {
            if (!wanted.containsKey(s.spec().address())) {
                remove(s);
                done.add(s.label() + ": removed, established connections drain");
            }
        }
        for (VirtualServiceSpec spec : wanted.values()) {
            Optional<NatVirtualServer> running = services.stream().filter(s -> s.spec().address().equals(spec.address())).findFirst();
            if (running.isPresent()) {
                NatVirtualServer s = running.get();
                List<InetSocketAddress> before = s.realServers();
                s.reconcile(spec);
                if (!before.equals(s.realServers())) {
                    done.add(s.label() + ": real servers now " + s.realServers().stream().map(L4Tier::hostPort).toList());
                }
            } else {
                try {
                    NatVirtualServer s = new NatVirtualServer(spec, options, health, System::currentTimeMillis);
                    start(s);
                    s.timeouts(timeouts);
                    done.add(s.label() + ": added");
                } catch (RuntimeException e) {
                    log.error("reload: virtual_server {} not started: {}", spec.vip(), e.getMessage());
                    done.add(spec.vip() + ": not started: " + e.getMessage());
                }
            }
        }
        // table order follows the file, as a fresh start would list it
        List<NatVirtualServer> ordered = new ArrayList<>();
        for (VirtualServiceSpec spec : wanted.values()) {
            services.stream().filter(s -> s.spec().address().equals(spec.address())).findFirst().ifPresent(ordered::add);
        }
        services = List.copyOf(ordered);
        return done;
    }

    // ---- helpers ----

    private void start(NatVirtualServer s) {
        try {
            s.bind(group);
        } catch (IllegalStateException e) {
            s.close();
            throw new IpvsEditException(Reason.CANNOT_LISTEN, e.getMessage());
        }
        List<NatVirtualServer> next = new ArrayList<>(services);
        next.add(s);
        services = List.copyOf(next);
        s.startChecks();
    }

    private void remove(NatVirtualServer s) {
        List<NatVirtualServer> next = new ArrayList<>(services);
        next.remove(s);
        services = List.copyOf(next);
        s.close();
        log.info("{}: service removed", s.label());
    }

    private NatVirtualServer existing(ServiceAddress address) {
        return service(address).orElseThrow(() -> new IpvsEditException(Reason.NO_SUCH_SERVICE, "no service " + address));
    }

    private static InetSocketAddress endpoint(ServiceAddress address) {
        if (!(address instanceof ServiceAddress.Endpoint(L4Protocol protocol, InetSocketAddress vip))) {
            throw new IpvsEditException(Reason.NOT_SUPPORTED, "fwmark services need the packet engine, not built yet");
        }
        if (protocol == L4Protocol.SCTP) {
            throw new IpvsEditException(Reason.NOT_SUPPORTED, "SCTP services are not served (TCP and UDP are)");
        }
        return vip;
    }

    private static void requireScheduler(String name) {
        if (Schedulers.find(name).isEmpty()) {
            throw new IpvsEditException(Reason.SCHEDULER_NOT_FOUND, "scheduler '" + name + "' (expected: "
                    + Schedulers.kinds().stream().map(k -> k.name()).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** DR and TUN are accepted and served as NAT, as a keepalived.conf with them is at start-up. */
    private static void warnForwarding(NatVirtualServer s, DestinationSettings d) {
        if (d.method() != ForwardingMethod.MASQ) {
            log.warn("{}: real server {} asked for {} forwarding, served as NAT (Masq) until the packet engine exists",
                    s.label(), hostPort(d.address()), d.method().ipvsadmLabel());
        }
    }

    /**
     * A real server at the service's own address would have the proxy forward to itself. With
     * IPVS that is a DR server sharing the VIP (it has it on its loopback); proxied as NAT it
     * is a loop, so it is refused. ipvsadm's {@code -g} default gives the service's port, which
     * on a loopback VIP is exactly this case.
     */
    private static void refuseLoop(NatVirtualServer s, DestinationSettings d) {
        if (s.address() instanceof ServiceAddress.Endpoint(var p, InetSocketAddress vip) && vip.equals(d.address())) {
            throw new IpvsEditException(Reason.NOT_SUPPORTED, "real server " + hostPort(d.address())
                    + " is the virtual service itself; proxied as NAT it would loop (expected: another address, or -m with the server's port)");
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private void sweep() {
        try {
            long now = System.currentTimeMillis();
            services.forEach(s -> s.sweep(now));
        } catch (RuntimeException e) {
            log.warn("connection sweep failed", e);
        }
    }

    /** Stops listening and checking, closes every connection, and releases the event loops. */
    @Override
    public void close() {
        healthSubscription.close();
        timers.shutdownNow();
        services.forEach(NatVirtualServer::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("L4 tier stopped");
    }
}
