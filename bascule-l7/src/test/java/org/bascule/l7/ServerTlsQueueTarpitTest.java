package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.ServerTls;
import org.bascule.l7.spec.StringMatch;
import org.bascule.l7.spec.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What existed untested: TLS to the server ({@code ssl verify none}, and {@code verify required}
 * with and without the right {@code ca-file}) against nginx with a certificate openssl makes at
 * test time; the backend queue when every server is at its {@code maxconn} ({@code timeout queue}
 * gives 503, a freed slot serves the next waiter); {@code http-request tarpit}, beside a real HAProxy.
 */
class ServerTlsQueueTarpitTest {

    @TempDir
    Path dir;

    /** A self-signed certificate and its key: {cert, key}. */
    private Path[] selfSigned(String name) throws Exception {
        SelfSigned s = SelfSigned.make(dir, name, "DNS:" + name);
        return new Path[] {s.cert(), s.key()};
    }

    @Test
    void tlsToTheServerWithVerifyNoneAndVerifyRequired() throws Exception {
        Path[] server = selfSigned("backend.test");
        Path[] other = selfSigned("someone-else.test");
        try (Nginx n = Nginx.startTls("tls", dir, "127.0.0.1", server[0], server[1]); HealthMonitor health = new HealthMonitor()) {
            InetSocketAddress at = n.address("127.0.0.1");
            // the port speaks TLS only: a plain request is refused by nginx itself
            assertThat(RawHttp.get(at, "t", "/").status()).isEqualTo(400);
            BackendSpec none = BackendSpec.of("none", List.of(tls(ServerSpec.of("n", at), ServerTls.verifyNone())));
            BackendSpec good = BackendSpec.of("good", List.of(tls(ServerSpec.of("n", at), new ServerTls(true, Optional.of(server[0]),
                    Optional.empty()))));
            BackendSpec bad = BackendSpec.of("bad", List.of(tls(ServerSpec.of("n", at), new ServerTls(true, Optional.of(other[0]),
                    Optional.empty())))).withRetries(0, false);
            // with sni the certificate's names must match it, as in HAProxy
            BackendSpec named = BackendSpec.of("named", List.of(tls(ServerSpec.of("n", at), new ServerTls(true, Optional.of(server[0]),
                    Optional.of("backend.test")))));
            BackendSpec misnamed = BackendSpec.of("misnamed", List.of(tls(ServerSpec.of("n", at), new ServerTls(true,
                    Optional.of(server[0]), Optional.of("www.other.test"))))).withRetries(0, false);
            List<FrontendSpec> fes = List.of(front("none"), front("good"), front("bad"), front("named"), front("misnamed"));
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), fes, List.of(none, good, bad, named, misnamed)),
                    health)) {
                RawHttp.Response r = RawHttp.get(proxy.boundAddresses("none").getFirst(), "t", "/over-tls");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).startsWith("tls ").contains("path=/over-tls");
                assertThat(RawHttp.get(proxy.boundAddresses("good").getFirst(), "t", "/verified").body()).contains("path=/verified");
                assertThat(RawHttp.get(proxy.boundAddresses("named").getFirst(), "t", "/named").body()).contains("path=/named");
                // a certificate the ca-file does not vouch for, or not for the sni: the handshake fails, which is a
                // failed connection as in HAProxy 2.6 (checked by hand: 503 after its retries)
                assertThat(RawHttp.get(proxy.boundAddresses("bad").getFirst(), "t", "/untrusted").status()).isEqualTo(503);
                assertThat(RawHttp.get(proxy.boundAddresses("misnamed").getFirst(), "t", "/misnamed").status()).isEqualTo(503);
                assertThat(proxy.server("bad", "n").connectErrors.sum()).isPositive();
                assertThat(proxy.server("misnamed", "n").connectErrors.sum()).isPositive();
                assertThat(n.accessLog()).anyMatch(l -> l.contains("/over-tls")).anyMatch(l -> l.contains("/verified"))
                        .anyMatch(l -> l.contains("/named")).noneMatch(l -> l.contains("/untrusted")).noneMatch(l -> l.contains("/misnamed"));
            }
        }
    }

    @Test
    void requestsQueueAtMaxconnAndTimeOutWith503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        slow.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slow.createContext("/", ex -> {
            if (ex.getRequestURI().getPath().equals("/slow")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("served " + ex.getRequestURI().getPath() + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        slow.start();
        try (HealthMonitor health = new HealthMonitor(); var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            // long enough that the freed slot reaches the second waiter in time on a busy 2-core machine
            Timeouts t = Timeouts.typical().withQueue(Duration.ofMillis(1500));
            BackendSpec b = BackendSpec.of("one", List.of(ServerSpec.of("s", slow.getAddress()).withMaxconn(1))).withTimeouts(t);
            Path sock = dir.resolve("stats.sock");
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(new GlobalSpec(1000, List.of(sock), 16384, 101, 2),
                    List.of(front("one")), List.of(b)), health)) {
                InetSocketAddress at = proxy.boundAddresses("one").getFirst();
                LiveBackend one = proxy.backend("one").orElseThrow();
                CompletableFuture<RawHttp.Response> holder = CompletableFuture.supplyAsync(() -> get(at, "/slow"), clients);
                Awaitility.await("the only slot taken").atMost(Duration.ofSeconds(5)).until(() -> proxy.server("one", "s").activeRequests() == 1);
                // every slot busy: the next request waits timeout queue, then 503
                long start = System.nanoTime();
                CompletableFuture<RawHttp.Response> waiter = CompletableFuture.supplyAsync(() -> get(at, "/late"), clients);
                Awaitility.await("queued").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    if (waiter.isDone()) {
                        throw new AssertionError("answered without queueing: " + waiter.get().status() + " after "
                                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms " + waiter.get().body());
                    }
                    return one.queueLength() == 1;
                });
                assertThat(StatsColumnsTest.rows(HealthAndRuntimeApiTest.ask(sock, "show stat")).get("one/BACKEND").get("qcur")).isEqualTo("1");
                assertThat(waiter.get(5, TimeUnit.SECONDS).status()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
                assertThat(one.queueLength()).isZero();
                // qmax keeps the longest the queue was
                assertThat(StatsColumnsTest.rows(HealthAndRuntimeApiTest.ask(sock, "show stat")).get("one/BACKEND").get("qmax")).isEqualTo("1");
                // a request queued when the slot frees is served
                CompletableFuture<RawHttp.Response> next = CompletableFuture.supplyAsync(() -> get(at, "/next"), clients);
                Awaitility.await("queued again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    if (next.isDone()) {
                        throw new AssertionError("served before the slot freed: " + next.get().status() + " " + next.get().body()
                                + " active=" + proxy.server("one", "s").activeRequests());
                    }
                    return one.queueLength() == 1;
                });
                release.countDown();
                assertThat(holder.get(5, TimeUnit.SECONDS).body()).isEqualTo("served /slow\n");
                assertThat(next.get(5, TimeUnit.SECONDS).body()).isEqualTo("served /next\n");
                assertThat(one.queueLength()).isZero();
            }
        } finally {
            release.countDown();
            slow.stop(0);
        }
    }

    @Test
    void tarpitHoldsTheRequestThenAnswers500LikeHaproxy() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            Duration tarpit = Duration.ofMillis(500);
            Condition admin = new Condition.Path(StringMatch.begin("/admin"));
            FrontendSpec fe = new FrontendSpec("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                    List.of(), List.of(new HttpRequestRule.Tarpit(tarpit, admin)), List.of(), List.of(), Optional.of("web"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
            BackendSpec web = BackendSpec.of("web", List.of(ServerSpec.of("n", n.address("127.0.0.1"))));
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(web)), health)) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                long start = System.nanoTime();
                RawHttp.Response r = RawHttp.get(at, "t", "/admin/login");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(r.status()).isEqualTo(500);
                assertThat(took).isGreaterThanOrEqualTo(tarpit).isLessThan(Duration.ofSeconds(3));
                assertThat(RawHttp.get(at, "t", "/public").status()).isEqualTo(200);
                assertThat(n.accessLog()).noneMatch(l -> l.contains("/admin"));
                assertThat(proxy.frontendRuntimes().iterator().next().denied.sum()).isEqualTo(1);
                haproxyTarpit(n, tarpit).ifPresent(h -> {
                    assertThat(h.status()).isEqualTo(r.status());
                    assertThat(h.took()).isGreaterThanOrEqualTo(tarpit);
                });
            }
        }
    }

    private record Timed(int status, Duration took) {}

    /** The same tarpit through a real HAProxy 2.6, when installed. */
    private Optional<Timed> haproxyTarpit(Nginx n, Duration tarpit) throws Exception {
        RealHaproxy.assumeInstalled("cannot compare tarpit");
        int port = Nginx.freePort("127.0.0.1");
        try (RealHaproxy h = RealHaproxy.start(dir, "haproxy-tarpit", """
                %s  timeout tarpit %dms
                frontend www
                  bind 127.0.0.1:%d
                  http-request tarpit if { path_beg /admin }
                  default_backend web
                backend web
                  server n 127.0.0.1:%d
                """.formatted(RealHaproxy.HTTP_DEFAULTS, tarpit.toMillis(), port, n.port))) {
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
            Awaitility.await("haproxy listening").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> RawHttp.get(at, "t", "/public").status() == 200);
            long start = System.nanoTime();
            int status = RawHttp.get(at, "t", "/admin/login").status();
            return Optional.of(new Timed(status, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static RawHttp.Response get(InetSocketAddress at, String path) {
        try {
            return RawHttp.get(at, "t", path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ServerSpec tls(ServerSpec s, ServerTls tls) {
        return new ServerSpec(s.name(), s.address(), s.weight(), s.backup(), s.check(), s.checkPort(), s.inter(), s.rise(), s.fall(),
                s.sendProxy(), s.agent(), Optional.of(tls), s.disabled(), s.maxconn());
    }

    private static FrontendSpec front(String backend) {
        return FrontendSpec.of(backend, List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), backend);
    }
}
