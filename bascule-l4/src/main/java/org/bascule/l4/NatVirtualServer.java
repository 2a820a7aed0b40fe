package org.bascule.l4;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.bascule.health.CheckWatch;
import org.bascule.health.HealthChange;
import org.bascule.health.HealthMonitor;
import org.bascule.health.HealthTarget;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceSettings;
import org.bascule.l4.table.ServiceView;
import org.bascule.sched.ClientGranularity;
import org.bascule.sched.Destination;
import org.bascule.sched.DestinationSet;
import org.bascule.sched.PersistenceSettings;
import org.bascule.sched.SchedulerFlag;
import org.bascule.sched.Schedulers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code virtual_server} with {@code lb_kind NAT}, served as a user-space TCP proxy, or for
 * {@code protocol UDP} through a flow table ({@link UdpRelay}).
 *
 * <p>Data path: the listener's event loop asks the service's scheduler for a real server
 * (so the scheduler is confined to one thread and needs no lock), and the connection's own
 * event loop connects to it and relays. Both read the destination list through one volatile
 * {@link DestinationSet}.
 *
 * <p>Control plane: health changes, {@link #setWeight}, {@link #addRealServer} and
 * {@link #removeRealServer} are serialised by this object's lock, edit the list the way
 * keepalived edits IPVS, and publish a new set. Established connections are never touched:
 * a drained, failed or removed server keeps serving what it already has.
 *
 * <p>List order follows IPVS, which inserts a destination at the head of the service's list
 * ({@code list_add_rcu} in {@code ip_vs_ctl.c}): servers appear newest first, and a server
 * keepalived removed on failure comes back at the head when it recovers. That order is what
 * {@code ipvsadm -Ln} prints and what {@code rr}/{@code wrr} walk.
 */
public final class NatVirtualServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatVirtualServer.class);
    private static final int BACKLOG = 4096;

    private final VirtualServiceSpec spec;
    private final L4Options options;
    private final HealthMonitor health;
    private final LongSupplier nowMillis;
    /**
     * Scheduler, its flags and the persistence engine; replaced whole by {@code ipvsadm -E} or a
     * reload that changes them. The listener's event loop reads it.
     */
    private volatile ServiceScheduler scheduler;
    private volatile Set<SchedulerFlag> schedulerFlags;
    /** Scheduler name and persistence as {@code -A}/{@code -E} or the configuration set them. */
    private volatile ServiceSettings settings;
    private final L4Protocol protocol;
    /** Established and recently closed TCP connections, for {@code ipvsadm -c} and the tcp timeout. */
    private final ConnectionTable connections = new ConnectionTable();
    /** The UDP data path, for a UDP service once bound. */
    private volatile UdpRelay udp;
    private volatile IpvsTimeouts timeouts;
    /** The spec each real server was made from, so a reload can tell changed servers from unchanged ones. */
    private final Map<RealServer, RealServerSpec> configured = new HashMap<>();
    /** Real servers that failed their checks, published with the pool for the UDP flow table. */
    private volatile Set<RealServer> failed = Set.of();
    private final TrafficMeter meter = new TrafficMeter();
    private final Bootstrap backendTemplate;

    /** Configuration order; control plane only. */
    private final List<RealServer> servers = new ArrayList<>();
    /** IPVS list order, head first; control plane only. */
    private final LinkedList<RealServer> listed = new LinkedList<>();
    private volatile Optional<RealServer> sorry;
    private final Map<HealthTarget, CheckRoute> routes = new ConcurrentHashMap<>();
    private final Quorum quorum;
    private final ServiceScripts scripts;
    /** Control plane only; null until the first publish. */
    private Quorum.State quorumState;
    private volatile DestinationSet<RealServer> pool = DestinationSet.empty();
    private volatile Channel listener;
    private volatile InetSocketAddress bound;

    /** Which checker of which server a health target is, and from which change on it counts. */
    private record CheckRoute(RealServer server, int index, long afterSequence) {}

    NatVirtualServer(VirtualServiceSpec spec, L4Options options, HealthMonitor health, LongSupplier nowMillis) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = options;
        this.health = health;
        this.nowMillis = nowMillis;
        this.schedulerFlags = spec.schedulerFlags();
        this.scheduler = new ServiceScheduler(spec.scheduler(), spec.schedulerFlags(), spec.persistence(), nowMillis);
        this.settings = new ServiceSettings(spec.scheduler(), spec.persistence().map(p -> persistenceView(p, spec.vip())));
        this.protocol = ((ServiceAddress.Endpoint) spec.address()).protocol();
        this.timeouts = new IpvsTimeouts(IpvsTimeouts.LINUX_DEFAULTS.tcpSeconds(),
                (int) options.tcpFinTimeout().toSeconds(), IpvsTimeouts.LINUX_DEFAULTS.udpSeconds());
        this.bound = spec.vip();
        this.backendTemplate = new Bootstrap()
                .channel(L4Transport.current().socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true);
        this.sorry = spec.sorryServer().map(a -> newRealServer(RealServerSpec.of(a, 1)));
        this.quorum = Quorum.of(spec.quorum());
        this.scripts = new ServiceScripts(this::label);
        synchronized (this) {
            for (RealServerSpec rs : spec.realServers()) {
                RealServer server = newRealServer(rs);
                servers.add(server);
                relist(server);
            }
            publish();
        }
    }

    /** The service as configured. */
    public VirtualServiceSpec spec() {
        return spec;
    }

    /** The service address, with the port actually bound when the configuration asked for port 0. */
    public ServiceAddress address() {
        return new ServiceAddress.Endpoint(protocol, bound);
    }

    /** {@code TCP 10.0.0.1:80}, {@code TCP [2001:db8::1]:443}: how logs and health targets name the service. */
    public String label() {
        String host = bound.getAddress().getHostAddress();
        return protocol.name() + " " + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /**
     * Sets a real server's weight at run time ({@code ipvsadm -e -w}, HAProxy {@code set weight});
     * 0 drains it: no new connections, the established ones go on.
     *
     * @throws IllegalArgumentException when the server is not part of this service, or the weight is out of range
     */
    public synchronized void setWeight(InetSocketAddress server, int weight) {
        RealServerSpec.checkWeight(weight);
        RealServer rs = find(server);
        rs.weight(weight);
        log.info("{}: real server {} weight {}", label(), rs, weight);
        publish();
    }

    /**
     * Adds a real server at run time ({@code ipvsadm -a}): it takes new connections at once
     * (or after its first successful check with {@code alpha}) and its checkers start.
     *
     * @throws IllegalArgumentException when a server with that address is already part of this service
     */
    public synchronized void addRealServer(RealServerSpec rs) {
        Objects.requireNonNull(rs, "rs");
        if (servers.stream().anyMatch(s -> s.address().equals(rs.address()))) {
            throw new IllegalArgumentException("real_server: " + rs.address() + " (expected: not yet in " + label() + ")");
        }
        RealServer server = newRealServer(rs);
        servers.add(server);
        relist(server);
        publish();
        if (listener != null || udp != null) {
            startChecks(server);
        }
        log.info("{}: real server {} added with weight {}", label(), server, rs.weight());
    }

    /**
     * Removes a real server at run time ({@code ipvsadm -d}): no new connections, its checkers
     * stop, and the connections it has finish on their own.
     *
     * @throws IllegalArgumentException when the server is not part of this service
     */
    public synchronized void removeRealServer(InetSocketAddress server) {
        RealServer rs = find(server);
        servers.remove(rs);
        listed.remove(rs);
        stopChecks(rs);
        publish();
        log.info("{}: real server {} removed ({} connections still open)", label(), rs, rs.activeConnections());
    }

    /** Connections to {@code server} that could not be established and were passed to another server. */
    public synchronized long connectFailures(InetSocketAddress server) {
        return find(server).connectFailures();
    }

    /** This service as {@code ipvsadm -Ln} shows it. */
    public ServiceView view() {
        DestinationSet<RealServer> set = pool;
        List<DestinationView> destinations = new ArrayList<>(set.size());
        UdpRelay relay = udp;
        Map<RealServer, Long> flows = relay == null ? Map.of() : relay.flowsPerServer();
        for (Destination<RealServer> d : set.members()) {
            RealServer rs = d.member();
            // IPVS counts UDP entries as inactive: they never reach an "established" state
            long active = relay == null ? rs.activeConnections() : 0;
            long inactive = relay == null ? rs.inactiveConnections() : flows.getOrDefault(rs, 0L);
            destinations.add(new DestinationView(rs.address(), ForwardingMethod.MASQ, d.weight(),
                    active, inactive, rs.meter().counters(), rs.meter().rates()));
        }
        ServiceSettings current = settings;
        return new ServiceView(address(), current.scheduler(), schedulerFlagLabels(current.scheduler()),
                current.persistence(), destinations,
                meter.counters(), meter.rates());
    }

    // ---- lifecycle, driven by L4Tier ----

    void bind(EventLoopGroup group) {
        if (protocol == L4Protocol.UDP) {
            UdpRelay relay = new UdpRelay(this, nowMillis);
            bound = relay.bind(group, spec.vip());
            udp = relay;
            log.info("{}: listening, scheduler {}, {} real servers", label(), settings.scheduler(), spec.realServers().size());
            return;
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(L4Transport.current().serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                // a VIP that VRRP has not moved here yet can still be bound
                .option(L4Transport.current().ipFreebind(), true)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .handler(new SchedulingHandler(this))
                .childOption(ChannelOption.AUTO_READ, false) // read nothing before the real server answers
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ProxiedConnection(NatVirtualServer.this, ch).clientHandler());
                    }
                });
        var future = bootstrap.bind(spec.vip()).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IllegalStateException("virtual_server " + label() + ": cannot listen: "
                    + future.cause().getMessage(), future.cause());
        }
        listener = future.channel();
        bound = (InetSocketAddress) listener.localAddress();
        log.info("{}: listening, scheduler {}, {} real servers", label(), spec.scheduler(), spec.realServers().size());
    }

    synchronized void startChecks() {
        for (RealServer rs : servers) {
            startChecks(rs);
        }
    }

    void onHealth(HealthChange change) {
        if (routes.containsKey(change.target())) { // most changes are another service's: skip the lock
            applyHealth(change);
        }
    }

    private synchronized void applyHealth(HealthChange change) {
        CheckRoute route = routes.get(change.target());
        if (route == null || change.sequence() <= route.afterSequence() || !servers.contains(route.server())) {
            return;
        }
        RealServer rs = route.server();
        boolean wasUp = rs.up();
        rs.checkHealth(route.index(), change.health());
        boolean weightMoved = rs.checkFeedback(route.index(), change.feedback());
        if (rs.up() == wasUp) {
            if (weightMoved) {
                // a dynamic weight (misc_dynamic, agent N%) or an agent's drain/maint/ready
                log.info("{}: real server {} now weight {}{} ({})", label(), rs, rs.liveWeight(),
                        rs.admin() == org.bascule.health.AdminState.READY ? "" : ", " + rs.admin(), change.reason());
                relist(rs);
                publish();
            }
            return; // another checker of the server changed, or an initial state: same list, same set
        }
        log.info("{}: real server {} is {} ({}){}", label(), rs, rs.up() ? "UP" : "DOWN", change.reason(),
                !rs.up() && rs.listed() ? ", weight 0 (inhibit_on_failure)" : "");
        // keepalived's order (perform_svr_state): the server's notify, then the quorum it may have moved
        (rs.up() ? rs.notifyUp() : rs.notifyDown())
                .ifPresent(script -> scripts.run(script, (rs.up() ? "notify_up" : "notify_down") + " of " + rs));
        relist(rs);
        publish();
    }

    // ---- live edits (ipvsadm -E, -Z, --set, reload), under this object's lock ----

    /**
     * {@code ipvsadm -E}: a new scheduler (a fresh instance, as {@code ip_vs_edit_service}
     * binds a new scheduler) and persistence; real servers and connections stay.
     *
     * @throws IllegalArgumentException when the scheduler is unknown
     */
    public synchronized void edit(ServiceSettings newSettings) {
        Objects.requireNonNull(newSettings, "newSettings");
        Schedulers.requireKnown(newSettings.scheduler());
        if (!newSettings.equals(settings)) {
            // a new scheduler instance and persistence engine: templates start afresh
            scheduler = new ServiceScheduler(newSettings.scheduler(), schedulerFlags,
                    newSettings.persistence().map(NatVirtualServer::persistenceSettings), nowMillis);
        }
        settings = newSettings;
        log.info("{}: scheduler {}{}", label(), newSettings.scheduler(),
                newSettings.persistence().map(p -> ", persistent " + p.timeoutSeconds()).orElse(""));
    }

    /** Scheduler and persistence in force. */
    public ServiceSettings settings() {
        return settings;
    }

    /** The real servers now part of the service (configuration and runtime additions), in configuration order. */
    public synchronized List<InetSocketAddress> realServers() {
        return servers.stream().map(RealServer::address).toList();
    }

    /** {@code ipvsadm -Z}: the service's and its real servers' counters and rates back to zero. */
    public synchronized void zero() {
        meter.zero();
        servers.forEach(rs -> rs.meter().zero());
        sorry.ifPresent(rs -> rs.meter().zero());
    }

    /** {@code ipvsadm --set}: the tcp, tcpfin and udp timeouts from now on. */
    synchronized void timeouts(IpvsTimeouts newTimeouts) {
        timeouts = newTimeouts;
        servers.forEach(rs -> rs.tcpFinSeconds(newTimeouts.tcpFinSeconds()));
        sorry.ifPresent(rs -> rs.tcpFinSeconds(newTimeouts.tcpFinSeconds()));
    }

    /**
     * Reload: makes this service what {@code target} says, keeping every real server whose
     * configuration did not change (same object: its connections, counters and health state
     * carry on), re-weighting the ones whose weight alone changed, replacing the ones whose
     * checkers or {@code inhibit_on_failure} changed, adding new ones and draining removed ones.
     * Runtime edits ({@code ipvsadm -a/-e/-d/-E}) are overwritten by the file.
     */
    synchronized void reconcile(VirtualServiceSpec target) {
        ServiceSettings wantedSettings = new ServiceSettings(target.scheduler(),
                target.persistence().map(p -> persistenceView(p, target.vip())));
        if (!target.schedulerFlags().equals(schedulerFlags)) {
            schedulerFlags = target.schedulerFlags();
            settings = new ServiceSettings("", Optional.empty()); // forces edit() to rebuild with the new flags
        }
        if (!wantedSettings.equals(settings)) {
            edit(wantedSettings);
        }
        Map<InetSocketAddress, RealServerSpec> wanted = new java.util.LinkedHashMap<>();
        target.realServers().forEach(rs -> wanted.put(rs.address(), rs));
        for (RealServer rs : List.copyOf(servers)) {
            RealServerSpec want = wanted.get(rs.address());
            RealServerSpec had = configured.get(rs);
            if (want == null) {
                removeRealServer(rs.address());
            } else if (had == null || !had.checks().equals(want.checks()) || had.inhibitOnFailure() != want.inhibitOnFailure()) {
                removeRealServer(rs.address());
                addRealServer(want);
            } else {
                configured.put(rs, want);
                if (rs.weight() != want.weight()) {
                    setWeight(rs.address(), want.weight());
                }
            }
        }
        for (RealServerSpec want : target.realServers()) {
            if (servers.stream().noneMatch(s -> s.address().equals(want.address()))) {
                addRealServer(want);
            }
        }
        Optional<InetSocketAddress> sorryNow = sorry.map(RealServer::address);
        if (!sorryNow.equals(target.sorryServer())) {
            sorry = target.sorryServer().map(a -> newRealServer(RealServerSpec.of(a, 1)));
            publish();
        }
    }

    /** Entries for {@code ipvsadm -c}. */
    List<ConnectionView> connections(long now) {
        UdpRelay relay = udp;
        if (relay != null) {
            return relay.entries(bound, now, timeouts.udpSeconds());
        }
        return connections.entries(bound, now, timeouts);
    }

    /** Once a second: expires idle connections and flows, forgets closed ones past tcpfin. */
    void sweep(long now) {
        UdpRelay relay = udp;
        if (relay != null) {
            relay.sweep(now, timeouts.udpSeconds());
        } else {
            connections.sweep(now, timeouts);
        }
    }

    ConnectionTable connectionTable() {
        return connections;
    }

    /** Whether the real server failed its checks (its UDP flows move to another server). */
    boolean failed(RealServer rs) {
        return failed.contains(rs);
    }

    /** Whether the service has its quorum now (keepalived's {@code quorum_state_up}). */
    public synchronized boolean hasQuorum() {
        return quorumState.up();
    }

    synchronized void sample() {
        meter.sample();
        servers.forEach(rs -> rs.meter().sample());
        sorry.ifPresent(rs -> rs.meter().sample());
    }

    @Override
    public void close() {
        synchronized (this) {
            servers.forEach(this::stopChecks);
            if (spec.omega()) {
                // omega: the service goes away as if every server failed (keepalived's vs->omega)
                for (RealServer rs : servers) {
                    if (rs.up()) {
                        rs.notifyDown().ifPresent(script -> scripts.run(script, "notify_down of " + rs + " (omega)"));
                    }
                }
                if (quorumState.up()) {
                    spec.quorum().down().ifPresent(script -> scripts.run(script, "quorum_down (omega)"));
                }
            }
        }
        scripts.finish(spec.omega() ? Duration.ofSeconds(10) : Duration.ZERO);
        Channel ch = listener;
        if (ch != null) {
            ch.close().awaitUninterruptibly();
        }
        UdpRelay relay = udp;
        if (relay != null) {
            relay.close();
        }
    }

    // ---- data path ----

    /** Listener's event loop only: the scheduler's cursor and the persistence templates live there. */
    Optional<ServiceScheduler.Placement> schedule(InetSocketAddress client) {
        return scheduler.schedule(pool, client, bound);
    }

    /** The clock persistence templates are timed with. */
    long schedulerClock() {
        return scheduler.now();
    }

    /** ipvsadm's flag words for this service's scheduler, in ipvsadm's order. */
    private List<String> schedulerFlagLabels(String schedulerName) {
        Set<SchedulerFlag> flags = schedulerFlags;
        List<String> labels = new ArrayList<>();
        for (SchedulerFlag flag : SchedulerFlag.values()) {
            if (flags.contains(flag)) {
                labels.add(flag.label(schedulerName));
            }
        }
        return labels;
    }

    /** {@code persistent 360 mask 255.255.255.0} as ipvsadm shows it (the mask in the VIP's family). */
    private static Persistence persistenceView(PersistenceSettings p, InetSocketAddress vip) {
        return new Persistence((int) p.timeout().toSeconds(),
                vip.getAddress() instanceof java.net.Inet6Address
                        ? Integer.toString(p.granularity().ipv6Prefix())
                        : p.granularity().ipv4Netmask());
    }

    /** {@code ipvsadm -p TIMEOUT -M NETMASK} as the persistence engine takes it. */
    private static PersistenceSettings persistenceSettings(Persistence p) {
        return PersistenceSettings.of(Duration.ofSeconds(p.timeoutSeconds()))
                .withGranularity(ClientGranularity.parse(p.netmask()));
    }

    /**
     * After a failed connect: the next server of the current list after {@code failed}, with a
     * weight above 0 and not tried yet for this client; when none is left, the sorry server if
     * it was not tried (every live server refused: the checks just have not noticed yet).
     * Called from any event loop; reads only the immutable snapshot and leaves the scheduler's
     * cursor alone.
     */
    Optional<RealServer> failover(RealServer failed, List<RealServer> tried) {
        DestinationSet<RealServer> set = pool;
        int n = set.size();
        int from = set.indexOf(failed);
        for (int step = 1; step <= n; step++) {
            Destination<RealServer> d = set.get(Math.floorMod(from + step, n));
            if (d.weight() > 0 && !tried.contains(d.member())) {
                return Optional.of(d.member());
            }
        }
        return sorry.filter(s -> !tried.contains(s));
    }

    Bootstrap backend(EventLoop loop, ChannelHandler handler) {
        return backendTemplate.clone(loop).handler(handler);
    }

    TrafficMeter meter() {
        return meter;
    }

    // ---- control plane helpers (under this object's lock) ----

    private RealServer newRealServer(RealServerSpec rs) {
        RealServer server = new RealServer(rs, options.tcpFinTimeout().toSeconds(), nowMillis);
        configured.put(server, rs);
        return server;
    }

    private RealServer find(InetSocketAddress server) {
        for (RealServer rs : servers) {
            if (rs.address().equals(server)) {
                return rs;
            }
        }
        throw new IllegalArgumentException("real_server: " + server + " (expected: one of " + servers + " in " + label() + ")");
    }

    /** keepalived adds a server to IPVS when it comes up and removes it when it fails, unless inhibited. */
    private void relist(RealServer rs) {
        boolean isListed = listed.contains(rs);
        if (rs.listed() && !isListed) {
            listed.addFirst(rs);
        } else if (!rs.listed() && isListed) {
            listed.remove(rs);
        }
    }

    /**
     * Builds the destination set the data path reads, after keepalived's quorum handling
     * ({@code update_quorum_state} in {@code ipwrapper.c}): while the quorum is lost and a sorry
     * server exists, the live servers leave the table and the sorry server takes everything;
     * when the quorum comes back the sorry server leaves (or stays at weight 0 with
     * {@code sorry_server_inhibit}) and the live servers return. Crossing the quorum queues
     * {@code quorum_up}/{@code quorum_down}.
     */
    private void publish() {
        Set<RealServer> down = new HashSet<>();
        for (RealServer rs : servers) {
            if (!rs.up()) {
                down.add(rs);
            }
        }
        failed = Set.copyOf(down);
        long liveWeight = 0;
        for (RealServer rs : listed) {
            liveWeight += rs.liveWeight();
        }
        updateQuorum(liveWeight);
        boolean sorryServing = !quorumState.up() && sorry.isPresent();
        List<Destination<RealServer>> members = new ArrayList<>(listed.size() + 1);
        for (RealServer rs : listed) {
            if (sorryServing && rs.liveWeight() > 0) {
                continue; // keepalived's perform_quorum_state: alive servers leave while the sorry server serves
            }
            members.add(new Destination<>(rs, rs.liveWeight()));
        }
        if (sorryServing) {
            members.addFirst(new Destination<>(sorry.get(), 1));
        } else if (sorry.isPresent() && spec.sorryInhibit()) {
            members.addLast(new Destination<>(sorry.get(), 0));
        }
        pool = new DestinationSet<>(members);
    }

    private void updateQuorum(long liveWeight) {
        if (quorumState == null) {
            quorumState = quorum.start(liveWeight);
            if (!quorumState.up()) {
                log.info("{}: starting with quorum down ({} < quorum {}){}", label(), liveWeight, spec.quorum().quorum(),
                        sorry.map(s -> ", sorry server " + s + " serves").orElse(""));
            }
            return;
        }
        Quorum.Step step = quorum.on(quorumState, liveWeight);
        quorumState = step.state();
        step.transition().ifPresent(t -> {
            switch (t) {
                case Quorum.Transition.Gained g -> {
                    log.info("{}: gained quorum: live weight {} (quorum {}, hysteresis {})", label(), g.weight(),
                            spec.quorum().quorum(), spec.quorum().hysteresis());
                    spec.quorum().up().ifPresent(script -> scripts.run(script, "quorum_up"));
                }
                case Quorum.Transition.Lost l -> {
                    log.info("{}: lost quorum: live weight {} (quorum {}, hysteresis {}){}", label(), l.weight(),
                            spec.quorum().quorum(), spec.quorum().hysteresis(),
                            sorry.map(s -> ", sorry server " + s + " takes the traffic").orElse(""));
                    spec.quorum().down().ifPresent(script -> scripts.run(script, "quorum_down"));
                }
            }
        });
    }

    private void startChecks(RealServer rs) {
        for (int i = 0; i < rs.checks().size(); i++) {
            var check = rs.checks().get(i);
            var target = new HealthTarget(label(), rs.address(), check.label() + (i == 0 ? "" : " #" + (i + 1)));
            // changes up to now belong to an earlier watch of an equal target (a removed and re-added server)
            routes.put(target, new CheckRoute(rs, i, health.events().lastSequence()));
            CheckWatch watch = health.watch(target, check);
            rs.watches().add(watch);
        }
    }

    private void stopChecks(RealServer rs) {
        for (CheckWatch watch : rs.watches()) {
            routes.remove(watch.target());
            watch.close();
        }
        rs.watches().clear();
    }
}
