package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.bascule.health.CheckStatus;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.AgentCheckSpec;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HealthCheckSpec;
import org.bascule.l7.spec.HttpCheckExpect;
import org.bascule.l7.spec.IntOp;
import org.bascule.l7.spec.MonitorSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code option httpchk} with {@code http-check expect} and {@code rise}/{@code fall} against JDK
 * HTTP servers, and {@code agent-check} against real socat agents serving a file, the seed's
 * pattern: an {@code enabler} pseudo-server whose agent drives {@code monitor-uri}, and a
 * server whose agent's MAINT lets in-flight requests finish and READY brings it back.
 */
class HttpAndAgentChecksTest {

    @TempDir
    Path dir;

    private final List<Process> agents = new java.util.ArrayList<>();
    private final List<HttpServer> servers = new java.util.ArrayList<>();
    private final java.util.Set<String> methods = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        agents.forEach(Process::destroy);
        servers.forEach(s -> s.stop(0));
    }

    /** A JDK server answering {@code /health} with {@code status}, {@code /slow} after a latch, else its name. */
    private HttpServer server(String name, AtomicInteger status, AtomicInteger healthHits, CountDownLatch slow) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            int code = 200;
            if (path.equals("/health")) {
                healthHits.incrementAndGet();
                methods.add(ex.getRequestMethod());
                code = status.get();
            } else if (path.equals("/slow")) {
                try {
                    slow.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = (name + " " + path + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        servers.add(s);
        return s;
    }

    /** socat serving {@code file} to every connection, as the seed's agents do. */
    private int agent(Path file, String line) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat not installed (apt-get install socat)");
        Files.writeString(file, line + "\n");
        int port = Nginx.freePort("127.0.0.1");
        Process p = new ProcessBuilder("socat", "TCP4-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "OPEN:" + file + ",rdonly")
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat-" + port + ".log").toFile()).start();
        agents.add(p);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (var c = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return port;
    }

    private static FrontendSpec frontend(String backend, List<Condition> monitorFail) {
        return new FrontendSpec("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                List.of(), List.of(), List.of(), List.of(), Optional.of(backend),
                Optional.of(new MonitorSpec("/healthcheck", monitorFail)),
                Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
    }

    private static BackendSpec withCheck(BackendSpec b, HealthCheckSpec check) {
        return new BackendSpec(b.name(), b.mode(), b.balance(), b.hashType(), b.servers(), b.forwardFor(), b.redispatch(), b.retries(),
                b.timeouts(), b.reuse(), check, b.allBackups(), b.requestRules(), b.responseRules(), b.bufferRequest());
    }

    @Test
    void httpchkExpectStatusWithRiseAndFall() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        AtomicInteger hits = new AtomicInteger();
        HttpServer a = server("a", status, hits, new CountDownLatch(0));
        Duration inter = Duration.ofMillis(100);
        BackendSpec web = withCheck(BackendSpec.of("web", List.of(
                        ServerSpec.of("a", a.getAddress()).withCheck(inter, 3, 2))),
                new HealthCheckSpec.Http("OPTIONS", "/health", "HTTP/1.0", List.of(), List.of(new HttpCheckExpect.Status("200", false))));
        try (HealthMonitor health = new HealthMonitor();
                L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(frontend("web",
                        List.of(new Condition.UsableServers("web", IntOp.LT, 1)))), List.of(web)), health)) {
            InetSocketAddress at = proxy.boundAddresses("www").getFirst();
            LiveServer s = proxy.server("web", "a");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> s.lastCheck().status() == CheckStatus.L7OK);
            assertThat(s.healthy()).isTrue();
            assertThat(RawHttp.get(at, "t", "/x").body()).isEqualTo("a /x\n");

            // 204 is a 2xx but not the expected status: DOWN after fall (2) failures, not before
            status.set(204);
            int before = hits.get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !s.healthy());
            assertThat(hits.get() - before).isGreaterThanOrEqualTo(2);
            assertThat(s.lastCheck().status()).isEqualTo(CheckStatus.L7STS);
            assertThat(RawHttp.get(at, "t", "/healthcheck").status()).isEqualTo(503);

            // back to 200: UP only after rise (3) consecutive passes
            status.set(200);
            int back = hits.get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(s::healthy);
            assertThat(hits.get() - back).isGreaterThanOrEqualTo(3);
            assertThat(RawHttp.get(at, "t", "/healthcheck").status()).isEqualTo(200);
            assertThat(methods).containsExactly("OPTIONS");
        }
    }

    @Test
    void rstatusIsTurnedIntoTheCodesItMatches() {
        var codes = ServerChecks.statusCodes(List.of(new HttpCheckExpect.StatusRegex("^(2|3)0[0-9]$", false)));
        assertThat(codes.accepts(200)).isTrue();
        assertThat(codes.accepts(302)).isTrue();
        assertThat(codes.accepts(210)).isFalse();
        var not = ServerChecks.statusCodes(List.of(new HttpCheckExpect.Status("500-599", true)));
        assertThat(not.accepts(404)).isTrue();
        assertThat(not.accepts(503)).isFalse();
        assertThat(ServerChecks.statusCodes(List.of()).accepts(301)).isTrue();
        // Several rules: the codes every one of them accepts; a body rule alone leaves any status.
        var both = ServerChecks.statusCodes(List.of(new HttpCheckExpect.Status("200-299", false),
                new HttpCheckExpect.StatusRegex("^20[04]$", true), new HttpCheckExpect.BodyContains("ok", false)));
        assertThat(both.accepts(201)).isTrue();
        assertThat(both.accepts(200)).isFalse();
        assertThat(both.accepts(204)).isFalse();
        assertThat(both.accepts(301)).isFalse();
        assertThat(ServerChecks.statusCodes(List.of(new HttpCheckExpect.BodyContains("ok", false))).accepts(503)).isTrue();
    }

    @Test
    void enablerAgentDrivesMonitorUriAndServerAgentDrainsThenRestores() throws Exception {
        AtomicInteger ok = new AtomicInteger(200);
        CountDownLatch slow = new CountDownLatch(1);
        HttpServer a = server("a", ok, new AtomicInteger(), slow);
        HttpServer b = server("b", ok, new AtomicInteger(), new CountDownLatch(0));
        Path enablerFile = dir.resolve("enabler-agent");
        Path aFile = dir.resolve("a-agent");
        int enablerPort = agent(enablerFile, "UP");
        int aPort = agent(aFile, "UP");
        Duration inter = Duration.ofMillis(100);
        var aAgent = Optional.of(new AgentCheckSpec(aPort, inter, Optional.empty(), Optional.empty()));
        ServerSpec sa = new ServerSpec("a", a.getAddress(), 1, false, true, Optional.empty(), inter, 2, 2,
                org.bascule.l7.spec.ProxyProtocol.NONE, aAgent, Optional.empty(), false, 0);
        BackendSpec web = withCheck(BackendSpec.of("web", List.of(sa, ServerSpec.of("b", b.getAddress()).withCheck(inter, 2, 2))),
                new HealthCheckSpec.Http("GET", "/health", "HTTP/1.0", List.of(), List.of()));
        // the seed's pseudo-server: only its agent is polled, nothing is ever sent to it
        ServerSpec enabler = new ServerSpec("enabler", new InetSocketAddress("127.0.0.1", enablerPort), 1, false, false,
                Optional.empty(), inter, 2, 2, org.bascule.l7.spec.ProxyProtocol.NONE,
                Optional.of(new AgentCheckSpec(enablerPort, inter, Optional.empty(), Optional.empty())), Optional.empty(), false, 0);
        BackendSpec enablerBackend = BackendSpec.of("enabler", List.of(enabler));
        FrontendSpec fe = frontend("web", List.of(new Condition.Any(List.of(
                new Condition.UsableServers("web", IntOp.LT, 1), new Condition.UsableServers("enabler", IntOp.LT, 1)))));
        try (HealthMonitor health = new HealthMonitor();
                L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(web, enablerBackend)), health)) {
            InetSocketAddress at = proxy.boundAddresses("www").getFirst();
            LiveServer sA = proxy.server("web", "a");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sA.lastAgent().status() == CheckStatus.L7OKD);
            assertThat(RawHttp.get(at, "t", "/healthcheck").status()).isEqualTo(200);

            // the enabler's agent says MAINT: the balancer reports itself unavailable, READY brings it back
            Files.writeString(enablerFile, "MAINT\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.get(at, "t", "/healthcheck").status() == 503);
            assertThat(proxy.server("enabler", "enabler").admin()).isEqualTo(AdminState.MAINT);
            Files.writeString(enablerFile, "READY\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.get(at, "t", "/healthcheck").status() == 200);
            // and "down" (health, not admin) does the same after fall polls, "up" undoes it at once
            Files.writeString(enablerFile, "down\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.get(at, "t", "/healthcheck").status() == 503);
            Files.writeString(enablerFile, "up\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> RawHttp.get(at, "t", "/healthcheck").status() == 200);

            // a request in flight on a when its agent says MAINT finishes; new ones go to b only
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sA.usable());
            CompletableFuture<RawHttp.Response> inFlight = null;
            for (int i = 0; i < 4 && inFlight == null; i++) {
                var f = CompletableFuture.supplyAsync(() -> {
                    try {
                        return RawHttp.get(at, "t", "/slow");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> f.isDone() || sA.activeRequests() > 0);
                if (!f.isDone()) {
                    inFlight = f;
                }
            }
            assertThat(inFlight).as("a /slow request in flight on a").isNotNull();
            Files.writeString(aFile, "MAINT\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sA.admin() == AdminState.MAINT);
            String stat = StatsCsv.render(proxy);
            String header = stat.lines().findFirst().orElseThrow().substring(2);
            List<String> columns = List.of(header.split(",", -1));
            List<String> row = List.of(stat.lines().filter(l -> l.startsWith("web,a,")).findFirst().orElseThrow().split(",", -1));
            assertThat(row.get(columns.indexOf("status"))).isEqualTo("MAINT");
            assertThat(row.get(columns.indexOf("agent_desc"))).contains("maint");
            for (int i = 0; i < 4; i++) {
                assertThat(RawHttp.get(at, "t", "/n").body()).isEqualTo("b /n\n");
            }
            assertThat(inFlight).isNotDone();
            slow.countDown();
            assertThat(inFlight.get(5, TimeUnit.SECONDS).body()).isEqualTo("a /slow\n");
            assertThat(RawHttp.get(at, "t", "/healthcheck").status()).isEqualTo(200);

            Files.writeString(aFile, "READY\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sA.admin() == AdminState.READY);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 4; i++) {
                seen.add(RawHttp.get(at, "t", "/n").body());
            }
            assertThat(seen).containsExactlyInAnyOrder("a /n\n", "b /n\n");

            // N% sets the effective weight from the configured one; drain is weight 0 for new requests
            Files.writeString(aFile, "up 300%\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sA.weight() == 3);
            Files.writeString(aFile, "drain\n");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sA.admin() == AdminState.DRAIN);
            for (int i = 0; i < 4; i++) {
                assertThat(RawHttp.get(at, "t", "/n").body()).isEqualTo("b /n\n");
            }
        }
    }
}
