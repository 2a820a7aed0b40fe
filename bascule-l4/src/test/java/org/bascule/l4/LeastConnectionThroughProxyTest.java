package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * R-S2 through the proxy: least-connection compensates for a slow server, and the trap the
 * seed document warns about: a broken server that answers at once wins under lc, and a TCP
 * check does not see it (docs/scheduling.md).
 */
class LeastConnectionThroughProxyTest {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_EACH = 25;

    /** Each client: connect, one request, close, REQUESTS_EACH times; returns answers per server name. */
    static Map<String, AtomicInteger> load(java.net.InetSocketAddress vip, AtomicInteger failed) throws Exception {
        Map<String, AtomicInteger> byServer = new ConcurrentHashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        try (var client = new SourceClient(vip, "127.0.0.1")) {
                            client.request("work");
                            byServer.computeIfAbsent(client.server(), k -> new AtomicInteger()).incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> c : clients) {
                c.get(120, TimeUnit.SECONDS);
            }
        }
        return byServer;
    }

    static int count(Map<String, AtomicInteger> m, String name) {
        return m.getOrDefault(name, new AtomicInteger()).get();
    }

    @Test
    void lcSendsLessToASlowServerThanRr() throws Exception {
        try (var f = new L4Fixture();
                var slow = new LineServer("slow", Duration.ofMillis(200), false);
                var fast = new LineServer("fast", Duration.ofMillis(5), false)) {
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "lc", List.of(
                    RealServerSpec.of(slow.address(), 1), RealServerSpec.of(fast.address(), 1))));
            AtomicInteger failed = new AtomicInteger();
            var shares = load(f.vip(), failed);
            System.out.printf("lc, slow 200 ms vs fast 5 ms: slow %d, fast %d%n", count(shares, "slow"), count(shares, "fast"));
            assertThat(failed.get()).isZero();
            assertThat(count(shares, "slow") + count(shares, "fast")).isEqualTo(CLIENTS * REQUESTS_EACH);
            assertThat(count(shares, "fast")).isGreaterThan(3 * count(shares, "slow"));
        }
        try (var f = new L4Fixture();
                var slow = new LineServer("slow", Duration.ofMillis(200), false);
                var fast = new LineServer("fast", Duration.ofMillis(5), false)) {
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(
                    RealServerSpec.of(slow.address(), 1), RealServerSpec.of(fast.address(), 1))));
            AtomicInteger failed = new AtomicInteger();
            var shares = load(f.vip(), failed);
            System.out.printf("rr, slow 200 ms vs fast 5 ms: slow %d, fast %d%n", count(shares, "slow"), count(shares, "fast"));
            assertThat(failed.get()).isZero();
            assertThat(count(shares, "slow")).isEqualTo(count(shares, "fast"));
        }
    }

    /**
     * The trap: "broken" accepts, answers ERR at once and closes, so it never holds an active
     * connection and lc keeps choosing it; its TCP_CHECK passes (it does accept), so nothing
     * takes it out. Only a check that reads the answer (HTTP_GET status/digest, MISC_CHECK)
     * would.
     */
    @Test
    void aBrokenServerThatAnswersFastWinsUnderLcAndATcpCheckDoesNotSeeIt() throws Exception {
        try (var f = new L4Fixture();
                var healthy = new LineServer("healthy", Duration.ofMillis(50), false);
                var broken = new LineServer("broken", Duration.ZERO, true)) {
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "lc", List.of(
                    new RealServerSpec(healthy.address(), 1, false, List.of(L4Fixture.tcpCheck(healthy.address(), 200, false))),
                    new RealServerSpec(broken.address(), 1, false, List.of(L4Fixture.tcpCheck(broken.address(), 200, false))))));
            AtomicInteger failed = new AtomicInteger();
            var shares = load(f.vip(), failed);
            int toBroken = count(shares, "broken");
            int toHealthy = count(shares, "healthy");
            System.out.printf("lc trap: broken %d (answered ERR), healthy %d%n", toBroken, toHealthy);
            assertThat(failed.get()).isZero();
            assertThat(toBroken).isGreaterThan(2 * toHealthy);
            // checks every 200 ms have run all along and during two more rounds: still both up
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(L4Fixture.WAIT).until(() -> true);
            assertThat(f.service().view().destinations()).hasSize(2).allMatch(d -> d.weight() == 1);
        }
    }
}
