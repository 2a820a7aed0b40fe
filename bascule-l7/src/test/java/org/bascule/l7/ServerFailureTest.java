package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-Q1: no client request fails when a server dies or is drained under load. */
class ServerFailureTest {

    @TempDir
    Path dir;

    /** Keep-alive clients hammering the proxy until {@code stop}; counts answers by server and failures. */
    private static final class Load implements AutoCloseable {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<String, AtomicLong> byServer = new ConcurrentHashMap<>();
        final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        final CountDownLatch done = new CountDownLatch(8);

        Load(InetSocketAddress to) {
            for (int t = 0; t < 8; t++) {
                pool.execute(() -> {
                    try (HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build()) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.getPort() + "/load"))
                                .timeout(Duration.ofSeconds(10)).build();
                        while (!stop.get()) {
                            try {
                                HttpResponse<String> r = c.send(req, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 200) {
                                    ok.incrementAndGet();
                                    byServer.computeIfAbsent(r.body().split(" ")[0], k -> new AtomicLong()).incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                    failures.add("status " + r.statusCode());
                                }
                            } catch (Exception e) {
                                failed.incrementAndGet();
                                failures.add(e.toString());
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
        }

        long served(String server) {
            return byServer.getOrDefault(server, new AtomicLong()).get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            done.await(20, TimeUnit.SECONDS);
            pool.shutdownNow();
        }
    }

    private L7Proxy proxy(HealthMonitor health, Nginx a, Nginx b) throws Exception {
        BackendSpec web = BackendSpec.of("web", List.of(ServerSpec.of("a", a.address("127.0.0.1")), ServerSpec.of("b", b.address("127.0.0.1"))))
                .withRetries(3, true);
        FrontendSpec www = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "web");
        return L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(www), List.of(web)), health);
    }

    @Test
    void killingAServerUnderLoadFailsNoRequest() throws Exception {
        try (Nginx a = Nginx.start("a", dir, "127.0.0.1", false);
                Nginx b = Nginx.start("b", dir, "127.0.0.1", false);
                HealthMonitor health = new HealthMonitor();
                L7Proxy proxy = proxy(health, a, b)) {
            Load load = new Load(proxy.boundAddresses("www").getFirst());
            try (load) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.served("a") > 300 && load.served("b") > 300);
                a.kill();
                long bBefore = load.served("b");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.served("b") > bBefore + 2000);
            }
            assertThat(load.failures).isEmpty();
            assertThat(load.failed.get()).isZero();
            assertThat(load.ok.get()).isGreaterThan(2600);
            LiveServer sa = proxy.server("web", "a");
            assertThat(sa.connectErrors.sum()).as("connects refused by the dead server, each retried").isPositive();
            assertThat(sa.redispatches.sum()).isPositive();
        }
    }

    @Test
    void drainingAServerUnderLoadFailsNoRequest() throws Exception {
        try (Nginx a = Nginx.start("a", dir, "127.0.0.1", false);
                Nginx b = Nginx.start("b", dir, "127.0.0.1", false);
                HealthMonitor health = new HealthMonitor();
                L7Proxy proxy = proxy(health, a, b)) {
            Load load = new Load(proxy.boundAddresses("www").getFirst());
            long aAfterDrain;
            try (load) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.served("a") > 300 && load.served("b") > 300);
                proxy.setServerState("web", "a", AdminState.DRAIN);
                // Requests already on their way to a may still land there; nothing new after that.
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> proxy.server("web", "a").activeRequests() == 0);
                aAfterDrain = load.served("a");
                long bNow = load.served("b");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.served("b") > bNow + 1000);
                assertThat(load.served("a")).isEqualTo(aAfterDrain);
                a.close();
                long bThen = load.served("b");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.served("b") > bThen + 500);
            }
            assertThat(load.failures).isEmpty();
            assertThat(load.served("a")).isEqualTo(aAfterDrain);
        }
    }
}
