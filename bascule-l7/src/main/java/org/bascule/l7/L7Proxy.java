package org.bascule.l7;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bascule.health.CheckSpec;
import org.bascule.health.Feedback;
import org.bascule.health.HealthChange;
import org.bascule.health.HealthMonitor;
import org.bascule.health.HealthTarget;
import org.bascule.health.Subscription;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L7 tier, HAProxy's process: started from a {@link ProxySpec}, it binds every frontend,
 * checks servers through a {@link HealthMonitor}, serves the runtime API on the
 * {@code stats socket}s, and stops with {@link #close()}.
 *
 * <pre>{@code
 * try (HealthMonitor health = new HealthMonitor();
 *      L7Proxy proxy = L7Proxy.start(spec, health)) {
 *     proxy.boundAddresses("www");                       // where frontend www listens
 *     proxy.setServerState("web", "s1", AdminState.DRAIN);
 * }
 * }</pre>
 *
 * <p>Threads: one event loop per core (or {@code nbthread}) carries every connection, client and
 * server side of an exchange on the same loop; with io_uring or epoll each loop also accepts on a listening
 * socket of its own (no accept thread, see {@link FrontendListener}); health checks run on the monitor's virtual threads
 * and reach the data path only through volatile server state.
 */
public final class L7Proxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(L7Proxy.class);

    private final ProxySpec spec;
    private final HealthMonitor health;
    private final Map<String, LiveBackend> backends = new LinkedHashMap<>();
    private final Map<String, FrontendRuntime> frontends = new LinkedHashMap<>();
    private final Map<String, FrontendListener> listeners = new LinkedHashMap<>();
    private final Map<HealthTarget, LiveServer> checked = new ConcurrentHashMap<>();
    private final Map<HealthTarget, LiveServer> agents = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup workers;
    private final List<StatsSocket> statsSockets = new ArrayList<>();
    private final long startedMillis = System.currentTimeMillis();
    private Subscription subscription;

    private L7Proxy(ProxySpec spec, HealthMonitor health) {
        this.spec = spec;
        this.health = health;
        this.workers = Transport.group(spec.global().threads(), Thread.ofPlatform().name("bascule-l7-", 0).daemon().factory());
    }

    /**
     * Starts serving {@code spec}: backends and their checks first, then the frontends' sockets,
     * then the stats sockets. On any failure (a port in use, an unreadable certificate) what was
     * started is stopped again and the error names the frontend and bind.
     */
    public static L7Proxy start(ProxySpec spec, HealthMonitor health) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(health, "health");
        L7Proxy p = new L7Proxy(spec, health);
        try {
            p.startAll();
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        } catch (InterruptedException e) {
            p.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding", e);
        }
    }

    private void startAll() throws IOException, InterruptedException {
        for (BackendSpec b : spec.backends()) {
            backends.put(b.name(), new LiveBackend(b));
        }
        subscription = health.events().subscribe(this::onHealth);
        for (LiveBackend b : backends.values()) {
            for (LiveServer s : b.servers()) {
                if (s.spec().check()) {
                    HealthTarget t = new HealthTarget("backend " + b.name(), s.spec().address(), "check " + s.name());
                    checked.put(t, s);
                    s.watched(health.watch(t, checkSpec(b.spec(), s.spec())), null);
                }
                if (s.spec().agent().isPresent()) {
                    var a = ServerChecks.agent(b.spec(), s.spec(), s.spec().agent().get());
                    HealthTarget t = new HealthTarget("backend " + b.name(), s.spec().address(), "agent " + s.name());
                    agents.put(t, s);
                    s.watched(null, health.watch(t, a));
                }
            }
        }
        for (FrontendSpec f : spec.frontends()) {
            FrontendRuntime fr = new FrontendRuntime(f, spec.global(), backends, this);
            frontends.put(f.name(), fr);
            FrontendListener l = new FrontendListener(fr, connections, spec.global().maxconn());
            listeners.put(f.name(), l);
            try {
                l.bind(workers);
            } catch (IOException | RuntimeException e) {
                throw new IOException("frontend " + f.name() + ": cannot bind " + f.binds() + ": " + e.getMessage(), e);
            }
        }
        for (var path : spec.global().statsSockets()) {
            statsSockets.add(StatsSocket.open(path, new RuntimeApi(this)));
        }
        log.info("L7 proxy started: {} frontend(s), {} backend(s), {} transport", frontends.size(), backends.size(),
                Transport.current().label);
    }

    /** The bascule-health check of a server with {@code check} ({@link ServerChecks#regular}). */
    static CheckSpec checkSpec(BackendSpec b, ServerSpec s) {
        return ServerChecks.regular(b, s);
    }

    private void onHealth(HealthChange c) {
        LiveServer s = checked.get(c.target());
        if (s != null) {
            boolean wasUp = s.healthy();
            s.setHealth(c.health().isUp(), c.reason());
            logHealth(s, wasUp, c);
            return;
        }
        s = agents.get(c.target());
        if (s != null) {
            boolean wasUp = s.healthy();
            s.setAgentHealth(c.health().isUp(), c.reason());
            logHealth(s, wasUp, c);
            applyAgentFeedback(s, c.feedback());
        }
    }

    private static void logHealth(LiveServer s, boolean wasUp, HealthChange c) {
        if (wasUp != s.healthy()) {
            log.info("Server {} is {}, reason: {}", s, s.healthy() ? "UP" : "DOWN", c.reason());
        }
    }

    /**
     * An agent's {@code ready}/{@code drain}/{@code maint} sets the server's state as
     * {@code set server B/S state} would (HAProxy's {@code srv_adm_set_*}: in-flight requests
     * finish); {@code N%} sets the effective weight to N% of the configured one.
     */
    private void applyAgentFeedback(LiveServer s, Feedback f) {
        f.admin().ifPresent(a -> {
            AdminState state = switch (a) {
                case READY -> AdminState.READY;
                case DRAIN -> AdminState.DRAIN;
                case MAINT -> AdminState.MAINT;
            };
            if (s.admin() != state) {
                setServerState(s.backend(), s.name(), state);
            }
        });
        f.weight().ifPresent(w -> {
            int weight = w.apply(s.spec().weight(), 256);
            if (s.weight() != weight) {
                s.setWeight(weight);
                log.info("Server {} weight is now {} (agent)", s, weight);
            }
        });
    }

    /** The addresses frontend {@code name} listens on (ports resolved when the spec said 0). */
    public List<InetSocketAddress> boundAddresses(String frontend) {
        FrontendListener l = listeners.get(frontend);
        if (l == null) {
            throw new IllegalArgumentException("frontend: " + frontend + " (expected: one of " + listeners.keySet() + ")");
        }
        return l.boundAddresses();
    }

    public ProxySpec spec() {
        return spec;
    }

    public Collection<LiveBackend> backends() {
        return backends.values();
    }

    public Optional<LiveBackend> backend(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    Collection<FrontendRuntime> frontendRuntimes() {
        return frontends.values();
    }

    long startedMillis() {
        return startedMillis;
    }

    Optional<StickTable> stickTable(String frontendName) {
        FrontendRuntime f = frontends.get(frontendName);
        return f == null ? Optional.empty() : f.table;
    }

    /** The server {@code backend/server}, or an error naming what is missing. */
    public LiveServer server(String backend, String server) {
        LiveBackend b = backends.get(backend);
        if (b == null) {
            throw new IllegalArgumentException("No such backend: " + backend);
        }
        return b.server(server).orElseThrow(() -> new IllegalArgumentException("No such server: " + backend + "/" + server));
    }

    /**
     * {@code set server B/S state ready|drain|maint}: DRAIN stops new requests and lets those in
     * flight finish; MAINT also closes the server's idle pooled connections.
     */
    public void setServerState(String backend, String server, AdminState state) {
        LiveServer s = server(backend, server);
        s.setAdmin(state);
        if (state == AdminState.MAINT) {
            s.closeIdle();
        }
        log.info("Server {} is now {}", s, state);
    }

    /** {@code set server B/S weight N} (0-256). */
    public void setServerWeight(String backend, String server, int weight) {
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0-256)");
        }
        server(backend, server).setWeight(weight);
    }

    /** Stops accepting, closes the stats sockets, the checks of this proxy and the event loops. */
    @Override
    public void close() {
        statsSockets.forEach(StatsSocket::close);
        listeners.values().forEach(FrontendListener::close);
        if (subscription != null) {
            subscription.close();
        }
        for (HealthTarget t : agents.keySet()) {
            health.find(t).ifPresent(w -> w.close());
        }
        for (HealthTarget t : checked.keySet()) {
            health.find(t).ifPresent(w -> w.close());
        }
        backends.values().forEach(b -> b.servers().forEach(LiveServer::closeIdle));
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
