package org.bascule.l4;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.bascule.health.CheckWatch;
import org.bascule.health.HealthChange;
import org.bascule.health.HealthMonitor;
import org.bascule.health.HealthTarget;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceView;
import org.bascule.sched.Destination;
import org.bascule.sched.DestinationSet;
import org.bascule.sched.SchedulerFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code virtual_server} with {@code lb_kind NAT}, served as a user-space TCP proxy.
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
    private final ServiceScheduler scheduler;
    private final TrafficMeter meter = new TrafficMeter();
    private final Bootstrap backendTemplate;

    /** Configuration order; control plane only. */
    private final List<RealServer> servers = new ArrayList<>();
    /** IPVS list order, head first; control plane only. */
    private final LinkedList<RealServer> listed = new LinkedList<>();
    private final Optional<RealServer> sorry;
    private final Map<HealthTarget, CheckRoute> routes = new ConcurrentHashMap<>();
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
        this.scheduler = new ServiceScheduler(spec, nowMillis);
        this.bound = spec.vip();
        this.backendTemplate = new Bootstrap()
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true);
        this.sorry = spec.sorryServer().map(a -> newRealServer(RealServerSpec.of(a, 1)));
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
        return new ServiceAddress.Endpoint(L4Protocol.TCP, bound);
    }

    /** {@code TCP 10.0.0.1:80}, {@code TCP [2001:db8::1]:443}: how logs and health targets name the service. */
    public String label() {
        String host = bound.getAddress().getHostAddress();
        return "TCP " + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
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
        if (listener != null) {
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
        for (Destination<RealServer> d : set.members()) {
            RealServer rs = d.member();
            destinations.add(new DestinationView(rs.address(), ForwardingMethod.MASQ, d.weight(),
                    rs.activeConnections(), rs.inactiveConnections(), rs.meter().counters(), rs.meter().rates()));
        }
        return new ServiceView(address(), spec.scheduler(), schedulerFlagLabels(), persistenceView(), destinations,
                meter.counters(), meter.rates());
    }

    // ---- lifecycle, driven by L4Tier ----

    void bind(EventLoopGroup group) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                // a VIP that VRRP has not moved here yet can still be bound
                .option(EpollChannelOption.IP_FREEBIND, true)
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
        if (rs.up() == wasUp) {
            return; // another checker of the server changed, or an initial state: same list, same set
        }
        log.info("{}: real server {} is {} ({}){}", label(), rs, rs.up() ? "UP" : "DOWN", change.reason(),
                !rs.up() && rs.listed() ? ", weight 0 (inhibit_on_failure)" : "");
        relist(rs);
        publish();
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
        }
        Channel ch = listener;
        if (ch != null) {
            ch.close().awaitUninterruptibly();
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
    private List<String> schedulerFlagLabels() {
        List<String> labels = new ArrayList<>();
        for (SchedulerFlag flag : SchedulerFlag.values()) {
            if (spec.schedulerFlags().contains(flag)) {
                labels.add(flag.label(spec.scheduler()));
            }
        }
        return labels;
    }

    /** {@code persistent 360 mask 255.255.255.0} as ipvsadm shows it (the mask in the VIP's family). */
    private Optional<Persistence> persistenceView() {
        return spec.persistence().map(p -> new Persistence((int) p.timeout().toSeconds(),
                bound.getAddress() instanceof java.net.Inet6Address
                        ? Integer.toString(p.granularity().ipv6Prefix())
                        : p.granularity().ipv4Netmask()));
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
        return new RealServer(rs, options.tcpFinTimeout().toSeconds(), nowMillis);
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

    private void publish() {
        List<Destination<RealServer>> members = new ArrayList<>(listed.size() + 1);
        long liveWeight = 0;
        for (RealServer rs : listed) {
            members.add(new Destination<>(rs, rs.liveWeight()));
            liveWeight += rs.liveWeight();
        }
        if (liveWeight == 0 && sorry.isPresent()) {
            // keepalived's quorum (default 1) is lost: the sorry server takes the traffic
            members.addFirst(new Destination<>(sorry.get(), 1));
        }
        pool = new DestinationSet<>(members);
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
