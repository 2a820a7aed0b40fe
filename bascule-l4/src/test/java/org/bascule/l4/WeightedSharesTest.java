package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** R-S1: wrr shares through the proxy, over real TCP connections. */
class WeightedSharesTest {

    private static final int CONNECTIONS = 3_000;
    private static final int CLIENTS = 8;

    @Test
    void wrrWeights10And5GiveTwoToOneOver3000Connections() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer heavy = f.server("heavy");
            EchoServer light = f.server("light");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "wrr", List.of(
                    RealServerSpec.of(heavy.address(), 10), RealServerSpec.of(light.address(), 5))));

            Map<String, AtomicInteger> shares = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> clients = new java.util.ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(pool.submit(() -> {
                        for (int i = 0; i < CONNECTIONS / CLIENTS; i++) {
                            try {
                                shares.computeIfAbsent(TcpClient.exchange(f.vip()), k -> new AtomicInteger()).incrementAndGet();
                            } catch (java.io.IOException e) {
                                failed.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> c : clients) {
                    c.get(60, TimeUnit.SECONDS);
                }
            }

            int h = shares.getOrDefault("heavy", new AtomicInteger()).get();
            int l = shares.getOrDefault("light", new AtomicInteger()).get();
            double ratio = (double) h / l;
            System.out.printf("wrr 10:5 over %d connections: heavy %d, light %d, ratio %.3f, failed %d%n",
                    CONNECTIONS, h, l, ratio, failed.get());
            assertThat(failed.get()).isZero();
            assertThat(h + l).isEqualTo(CONNECTIONS);
            assertThat(ratio).isBetween(2.0 * 0.95, 2.0 * 1.05);
            assertThat(heavy.accepted()).isEqualTo(h);
            assertThat(light.accepted()).isEqualTo(l);
        }
    }
}
