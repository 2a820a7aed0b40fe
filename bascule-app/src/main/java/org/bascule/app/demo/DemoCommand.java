package org.bascule.app.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.bascule.app.Daemon;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.app.keepalived.VirtualServerMapping;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;
import org.bascule.health.Health;
import org.bascule.health.HealthChange;
import org.bascule.health.Subscription;
import org.bascule.l4.L4Options;
import org.bascule.l4.NatVirtualServer;
import org.bascule.ops.runtime.RuntimeReply;
import org.bascule.ops.runtime.RuntimeSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bascule demo}: Bascule's tiers told in three short chapters. 1, L4 on loopback: two web
 * servers behind a virtual server read from a real keepalived.conf; requests shared by weight; one
 * server stopped under traffic, the TCP_CHECK taking it out with no request lost; the server brought
 * back, all shown with the daemon's ipvsadm tables. 2, L7 ({@link L7Chapter}): the virtual server
 * over two L7 nodes started from haproxy.cfg text, a drain through the stats socket, monitor-uri.
 * 3, VRRP ({@link VrrpChapter}, root only, else one line says why not): a master stopped, its
 * backup taking the VIP over. Exits 0 when every request was answered and every step happened
 * in time, 1 otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show Bascule's L4, L7 and VRRP tiers balancing, draining and failing over, narrated (VRRP needs root).")
public final class DemoCommand implements Callable<Integer> {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final int BATCH = 30;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        quietLogs();
        PrintWriter out = spec.commandLine().getOut();
        Narrator say = new Narrator(out);
        Path dir = Files.createTempDirectory("bascule-demo-");
        try (DemoWebServer web1 = DemoWebServer.start("web1"); DemoWebServer web2 = DemoWebServer.start("web2")) {
            int l4 = story(say, dir, web1, web2);
            if (l4 < 0) {
                return 1;
            }
            int l7 = new L7Chapter(say, dir, web1, web2).tell();
            if (l7 < 0) {
                return 1;
            }
            if (!new VrrpChapter(say, dir).tell()) {
                return 1;
            }
            say.say("Done: %d failed request(s) in all; the balancers and web servers stop.", l4 + l7);
            return l4 + l7 == 0 ? 0 : 1;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Chapter 1; the number of failed requests, or -1 when a step did not happen in time. */
    private int story(Narrator say, Path dir, DemoWebServer web1, DemoWebServer web2) throws Exception {
        say.say("Bascule demo. Chapter 1, L4 on loopback: a virtual server over two web servers, with health checks.");
        say.say("Started web1 on %s and web2 on %s; each answers with its name.", hostPort(web1.address()),
                hostPort(web2.address()));

        InetSocketAddress vip = new InetSocketAddress("127.0.0.1", freePort());
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, keepalivedConf(vip, web1, web2));
        say.say("Wrote %s, in keepalived's own language:", conf);
        say.show(Files.readString(conf));

        ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse(conf);
        if (parsed.hasErrors()) {
            say.say("The configuration has errors:");
            say.show(parsed.formatDiagnostics());
            return -1;
        }
        L4Plan plan = VirtualServerMapping.plan(parsed.config());
        say.say("`bascule check -f %s`: no error, %d warning(s).", conf.getFileName(),
                parsed.warnings().size() + plan.notes().size());

        Path socket = dir.resolve("bascule.sock");
        L4Options options = L4Options.defaults().withConnectTimeout(Duration.ofSeconds(1));
        try (Daemon daemon = Daemon.start(plan, options, socket)) {
            NatVirtualServer service = daemon.tier().services().getFirst();
            BlockingQueue<HealthChange> changes = new LinkedBlockingQueue<>();
            try (Subscription sub = daemon.health().events().subscribe(changes::add)) {
                say.say("`bascule run -f %s`: serving %s (wrr, weights 2 and 1, TCP_CHECK every second).",
                        conf.getFileName(), hostPort(vip));
                return traffic(say, new DemoClient(vip), socket, service, changes, web1, web2);
            }
        }
    }

    /** The failed requests, or -1 when a health check did not act in time. */
    private int traffic(Narrator say, DemoClient client, Path socket, NatVirtualServer service,
            BlockingQueue<HealthChange> changes, DemoWebServer web1, DemoWebServer web2) throws Exception {
        Map<String, Integer> first = batch(client);
        say.say("%d requests, one connection each: %s. The shares follow the weights 2:1.", BATCH, shares(first));
        say.say("`bascule ipvsadm -Ln --stats`, answered by the daemon over its runtime socket:");
        say.show(ipvsadm(socket, "-Ln", "--stats"));

        say.say("Stopping web2 (its port now refuses connections) while a client sends a request every 20 ms.");
        Background load = Background.start(client);
        long stoppedAt = System.nanoTime();
        web2.stop();
        Optional<HealthChange> down = awaitChange(changes, web2, Health.DOWN);
        if (down.isEmpty()) {
            load.stop();
            say.say("The health check did not take web2 out within %d s: something is wrong.", WAIT.toSeconds());
            return -1;
        }
        say.say("The TCP_CHECK noticed %.1f s later: web2 is DOWN (%s).", seconds(System.nanoTime() - stoppedAt),
                down.get().reason());
        say.say("`bascule ipvsadm -Ln`: web2 is out of the table, no new connection goes to it.");
        say.show(ipvsadm(socket, "-Ln"));
        TimeUnit.MILLISECONDS.sleep(1_000); // let the client run against the reduced table for a while
        Background.Result outage = load.stop();
        say.say("While web2 was down: %d requests, %d answered (%s), %d failed.", outage.sent(), outage.answered(),
                shares(outage.byServer()), outage.failed());
        say.say("Before the check noticed, %d connection(s) were scheduled to web2, refused, and handed to web1.",
                service.connectFailures(web2.address()));

        say.say("Bringing web2 back on the same port.");
        long restartedAt = System.nanoTime();
        web2.restart();
        Optional<HealthChange> up = awaitChange(changes, web2, Health.UP);
        if (up.isEmpty()) {
            say.say("The health check did not bring web2 back within %d s: something is wrong.", WAIT.toSeconds());
            return -1;
        }
        say.say("The TCP_CHECK saw web2 answer again after %.1f s: web2 is UP (%s).",
                seconds(System.nanoTime() - restartedAt), up.get().reason());
        Map<String, Integer> last = batch(client);
        say.say("%d more requests: %s.", BATCH, shares(last));
        say.show(ipvsadm(socket, "-Ln", "--stats"));

        int failed = (BATCH - total(first)) + outage.failed() + (BATCH - total(last));
        int sent = 2 * BATCH + outage.sent();
        say.say("Chapter 1 (L4): %d requests, %d answered, %d failed.", sent, sent - failed, failed);
        return failed;
    }

    private static String keepalivedConf(InetSocketAddress vip, DemoWebServer web1, DemoWebServer web2) {
        return """
                ! Bascule demo: keepalived.conf syntax, loopback addresses
                virtual_server 127.0.0.1 %d {
                    delay_loop 1              # check every second
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP

                    real_server 127.0.0.1 %d {    # web1
                        weight 2
                        TCP_CHECK {
                            connect_timeout 1
                            retry 1
                            delay_before_retry 0.2
                        }
                    }
                    real_server 127.0.0.1 %d {    # web2
                        weight 1
                        TCP_CHECK {
                            connect_timeout 1
                            retry 1
                            delay_before_retry 0.2
                        }
                    }
                }
                """.formatted(vip.getPort(), web1.port(), web2.port());
    }

    static Map<String, Integer> batch(DemoClient client) {
        Map<String, Integer> byServer = new TreeMap<>();
        for (int i = 0; i < BATCH; i++) {
            client.get().ifPresent(name -> byServer.merge(name, 1, Integer::sum));
        }
        return byServer;
    }

    private static Optional<HealthChange> awaitChange(BlockingQueue<HealthChange> changes, DemoWebServer server,
            Health health) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            HealthChange c = changes.poll(left, TimeUnit.NANOSECONDS);
            if (c != null && c.target().server().equals(server.address()) && c.health() == health) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    static String ipvsadm(Path socket, String... args) throws IOException {
        RuntimeReply reply = new RuntimeSocketClient(socket).send(Stream.concat(Stream.of("ipvsadm"), Stream.of(args)).toList());
        return reply.isOk() ? reply.body() : reply.message();
    }

    static String shares(Map<String, Integer> byServer) {
        if (byServer.isEmpty()) {
            return "none answered";
        }
        return String.join(", ", byServer.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    static int total(Map<String, Integer> byServer) {
        return byServer.values().stream().mapToInt(Integer::intValue).sum();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** The narration says what the daemon's INFO logs would; keep warnings and errors. */
    private static void quietLogs() {
        if (System.getenv("BASCULE_LOG_LEVEL") == null
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A client sending one request every 20 ms on a virtual thread until stopped. */
    static final class Background {
        record Result(int sent, int answered, int failed, Map<String, Integer> byServer) {}

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Integer> byServer = new TreeMap<>();
        private int sent;
        private int failed;
        private Thread thread;

        static Background start(DemoClient client) {
            Background b = new Background();
            b.thread = Thread.ofVirtual().name("demo-client").start(() -> b.run(client));
            return b;
        }

        private void run(DemoClient client) {
            // bounded: at most WAIT plus the demo's own pauses, then stop() ends it
            long deadline = System.nanoTime() + 2 * WAIT.toNanos();
            while (running.get() && System.nanoTime() < deadline) {
                Optional<String> answer = client.get();
                synchronized (this) {
                    sent++;
                    answer.ifPresentOrElse(n -> byServer.merge(n, 1, Integer::sum), () -> failed++);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Result stop() throws InterruptedException {
            running.set(false);
            thread.join(WAIT.toMillis());
            synchronized (this) {
                return new Result(sent, sent - failed, failed, new TreeMap<>(byServer));
            }
        }
    }
}
