package org.bascule.app.demo;

import static org.bascule.app.demo.DemoCommand.BATCH;
import static org.bascule.app.demo.DemoCommand.WAIT;
import static org.bascule.app.demo.DemoCommand.batch;
import static org.bascule.app.demo.DemoCommand.freePort;
import static org.bascule.app.demo.DemoCommand.hostPort;
import static org.bascule.app.demo.DemoCommand.shares;
import static org.bascule.app.demo.DemoCommand.total;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bascule.app.Daemon;
import org.bascule.app.haproxy.HaproxyMapping;
import org.bascule.app.haproxy.L7Plan;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.app.keepalived.VirtualServerMapping;
import org.bascule.config.ParseResult;
import org.bascule.config.haproxy.HaproxyConfig;
import org.bascule.config.haproxy.HaproxyParser;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;
import org.bascule.health.HealthMonitor;
import org.bascule.l4.L4Options;
import org.bascule.l7.L7Proxy;
import org.bascule.l7.LiveServer;

/**
 * The demo's second chapter: the L4 virtual server now balances over two L7 nodes, each an
 * in-process {@link L7Proxy} started from a haproxy.cfg through the same parser and mapping as
 * {@code bascule run -f haproxy.cfg}; each L7 node balances over the two web servers. A request's
 * route is shown, web2 is drained through the stats socket ({@code set server web/web2 state
 * drain}, HAProxy's runtime API) while long requests are in flight on it, and brought back;
 * {@code monitor-uri} answers 200, then 503 once no web server is usable.
 */
final class L7Chapter {
    private static final String[] NODES = {"l7a", "l7b"};

    private final Narrator say;
    private final Path dir;
    private final DemoWebServer web1;
    private final DemoWebServer web2;

    L7Chapter(Narrator say, Path dir, DemoWebServer web1, DemoWebServer web2) {
        this.say = say;
        this.dir = dir;
        this.web1 = web1;
        this.web2 = web2;
    }

    /** Tells the chapter; the number of failed requests, or -1 when a step did not happen in time. */
    int tell() throws Exception {
        say.say("Chapter 2, L7: the virtual server now points at two L7 nodes (l7a, l7b), each balancing over web1 and web2.");
        List<HealthMonitor> monitors = new ArrayList<>();
        List<L7Proxy> proxies = new ArrayList<>();
        try {
            for (String node : NODES) {
                Path cfg = dir.resolve(node + ".cfg");
                Files.writeString(cfg, haproxyCfg(node, freePort(), dir.resolve(node + ".sock")));
                if (node.equals(NODES[0])) {
                    say.say("Wrote %s, in HAProxy's own language (%s.cfg differs only in name, port and socket):", cfg, NODES[1]);
                    say.show(Files.readString(cfg));
                }
                ParseResult<HaproxyConfig> parsed = HaproxyParser.parse(cfg);
                L7Plan plan = parsed.hasErrors() ? null : HaproxyMapping.plan(parsed.config());
                if (plan == null || plan.hasErrors() || plan.spec().isEmpty()) {
                    say.say("%s cannot be served:", cfg.getFileName());
                    say.show(parsed.formatDiagnostics());
                    if (plan != null) {
                        plan.notes().forEach(n -> say.show(n.format()));
                    }
                    return -1;
                }
                HealthMonitor health = new HealthMonitor();
                monitors.add(health);
                proxies.add(L7Proxy.start(plan.spec().get(), health));
            }
            L7Proxy a = proxies.get(0);
            L7Proxy b = proxies.get(1);
            say.say("Started l7a on %s and l7b on %s, in-process, from these files (the parser and mapping of `bascule run -f`).", hostPort(a.boundAddresses("www").getFirst()),
                    hostPort(b.boundAddresses("www").getFirst()));
            if (!await(() -> proxies.stream().allMatch(p -> server(p, "web1").healthy() && server(p, "web2").healthy()))) {
                say.say("The L7 nodes' checks did not see both web servers UP within %d s: something is wrong.", WAIT.toSeconds());
                return -1;
            }
            return overL4(a, b);
        } finally {
            proxies.forEach(L7Proxy::close);
            monitors.forEach(HealthMonitor::close);
        }
    }

    private int overL4(L7Proxy a, L7Proxy b) throws Exception {
        InetSocketAddress vip = new InetSocketAddress("127.0.0.1", freePort());
        Path conf = dir.resolve("keepalived-l7.conf");
        Files.writeString(conf, keepalivedConf(vip, a.boundAddresses("www").getFirst(), b.boundAddresses("www").getFirst()));
        ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse(conf);
        if (parsed.hasErrors()) {
            say.show(parsed.formatDiagnostics());
            return -1;
        }
        L4Plan plan = VirtualServerMapping.plan(parsed.config());
        try (Daemon daemon = Daemon.start(plan, L4Options.defaults().withConnectTimeout(Duration.ofSeconds(1)), dir.resolve("bascule-l7.sock"))) {
            say.say("A new virtual server %s (rr, TCP_CHECK) over l7a and l7b, from %s.", hostPort(vip), conf.getFileName());
            DemoClient client = new DemoClient(vip);
            Map<String, Integer> first = batch(client);
            int failed = BATCH - total(first);
            say.say("A request's route: client -> %s (L4, rr) -> l7a or l7b (frontend www, backend web, roundrobin) -> web1 or web2.",
                    hostPort(vip));
            say.say("%d requests, each answer naming its web server and L7 node: %s.", BATCH, shares(first));

            int drained = drain(client, a, b);
            if (drained < 0) {
                return -1;
            }
            failed += drained;

            for (L7Proxy p : List.of(a, b)) {
                runtime(p, "set server web/web2 state ready");
            }
            Map<String, Integer> back = batch(client);
            failed += BATCH - total(back);
            say.say("`set server web/web2 state ready` on both nodes; %d requests: %s.", BATCH, shares(back));

            monitor(a);
            return failed;
        }
    }

    /** Drains web2 on both L7 nodes while long requests are in flight on it; the requests that failed. */
    private int drain(DemoClient client, L7Proxy a, L7Proxy b) throws Exception {
        say.say("Sending 6 long requests (GET /slow, %.1f s each) and draining web2 while they are in flight.",
                DemoWebServer.SLOW.toMillis() / 1e3);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                slow.add(pool.submit(() -> client.get("/slow")));
            }
            // all six in flight before the drain, so some are on web2 when it begins
            if (!await(() -> active(a) + active(b) == slow.size())) {
                say.say("The long requests did not all reach the web servers within %d s: something is wrong.", WAIT.toSeconds());
                return -1;
            }
            int inFlight = server(a, "web2").activeRequests() + server(b, "web2").activeRequests();
            for (L7Proxy p : List.of(a, b)) {
                String reply = runtime(p, "set server web/web2 state drain");
                say.say("`echo 'set server web/web2 state drain' | socat stdio %s` -> %s", dir.relativize(socket(p)),
                        reply.isBlank() ? "(empty: done)" : reply.strip());
            }
            say.say("web2 is %s on l7a and %s on l7b with %d request(s) in flight on it: no new request goes to web2, those finish.",
                    server(a, "web2").admin(), server(b, "web2").admin(), inFlight);
            DemoCommand.Background load = DemoCommand.Background.start(client);
            TimeUnit.MILLISECONDS.sleep(1_000);
            DemoCommand.Background.Result during = load.stop();
            Map<String, Integer> slowBy = new java.util.TreeMap<>();
            int slowFailed = 0;
            for (Future<Optional<String>> f : slow) {
                Optional<String> r = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (r.isPresent()) {
                    slowBy.merge(r.get(), 1, Integer::sum);
                } else {
                    slowFailed++;
                }
            }
            say.say("The 6 long requests: %d answered (%s), %d failed.", slow.size() - slowFailed, shares(slowBy), slowFailed);
            say.say("New requests while draining: %d sent, %d answered (%s), %d failed.", during.sent(), during.answered(),
                    shares(during.byServer()), during.failed());
            return slowFailed + during.failed();
        }
    }

    /** monitor-uri: 200 while a web server is usable; 503 when none is ({@code monitor fail if { nbsrv(web) lt 1 }}). */
    private void monitor(L7Proxy a) throws Exception {
        DemoClient direct = new DemoClient(a.boundAddresses("www").getFirst());
        say.say("`monitor-uri /health` on l7a answers %s.", status(direct));
        runtime(a, "set server web/web1 state maint");
        runtime(a, "set server web/web2 state maint");
        say.say("web1 and web2 put in MAINT on l7a only: /health answers %s (monitor fail if { nbsrv(web) lt 1 }),",
                status(direct));
        say.say("  the signal an HTTP health check in front would use to take l7a out (this demo's L4 tier uses TCP_CHECK).");
        runtime(a, "set server web/web1 state ready");
        runtime(a, "set server web/web2 state ready");
        say.say("Both READY again: /health answers %s.", status(direct));
    }

    private static String status(DemoClient direct) {
        return direct.request("/health").map(r -> Integer.toString(r.status())).orElse("nothing (connection failed)");
    }

    private static int active(L7Proxy p) {
        return server(p, "web1").activeRequests() + server(p, "web2").activeRequests();
    }

    private static LiveServer server(L7Proxy p, String name) {
        return p.server("web", name);
    }

    private Path socket(L7Proxy p) {
        return p.spec().global().statsSockets().getFirst();
    }

    /** One command on the node's stats socket, as {@code socat stdio <socket>} sends it; the answer. */
    private String runtime(L7Proxy p, String command) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket(p)));
            c.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private String haproxyCfg(String node, int port, Path socket) {
        return """
                # Bascule demo: haproxy.cfg syntax, loopback addresses
                global
                    stats socket %s
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:%d
                    monitor-uri /health
                    monitor fail if { nbsrv(web) lt 1 }
                    http-request set-header %s %s
                    default_backend web
                backend web
                    balance roundrobin
                    server web1 127.0.0.1:%d check inter 500
                    server web2 127.0.0.1:%d check inter 500
                """.formatted(socket, port, DemoWebServer.VIA_HEADER, node, web1.port(), web2.port());
    }

    private static String keepalivedConf(InetSocketAddress vip, InetSocketAddress l7a, InetSocketAddress l7b) {
        return """
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 %d {    # l7a
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 127.0.0.1 %d {    # l7b
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(vip.getPort(), l7a.getPort(), l7b.getPort());
    }
}
