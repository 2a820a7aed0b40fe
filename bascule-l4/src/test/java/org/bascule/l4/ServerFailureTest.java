package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bascule.health.Health;
import org.junit.jupiter.api.Test;

/** R-H1 + R-C1: a real server dies under load; after TCP_CHECK notices, no connection fails. */
class ServerFailureTest {

    private static final int CLIENTS = 6;
    private static final long HARD_STOP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Attempt(long startedNanos, String server, String failure) {}

    @Test
    void killedServerUnderLoadLosesNoConnectionOnceTheCheckNoticed() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer victim = f.server("victim");
            EchoServer survivor = f.server("survivor");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "wrr", List.of(
                    L4Fixture.checked(victim, 1, false, L4Fixture.tcpCheck(victim.address(), 200, false)),
                    L4Fixture.checked(survivor, 1, false, L4Fixture.tcpCheck(survivor.address(), 200, false)))));

            AtomicLong noticedAt = new AtomicLong();
            // subscribed after the tier: for one change the tier's listener has run (new snapshot) before this one
            f.health.events().subscribe(c -> {
                if (c.health() == Health.DOWN && c.target().server().equals(victim.address())) {
                    noticedAt.compareAndSet(0, System.nanoTime());
                }
            });

            var attempts = new ConcurrentLinkedQueue<Attempt>();
            var stop = new AtomicBoolean();
            long began = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> clients = new java.util.ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(pool.submit(() -> {
                        while (!stop.get() && System.nanoTime() - began < HARD_STOP_NANOS) {
                            long t = System.nanoTime();
                            try {
                                attempts.add(new Attempt(t, TcpClient.exchange(f.vip()), null));
                            } catch (IOException e) {
                                attempts.add(new Attempt(t, null, e.toString()));
                            }
                        }
                    }));
                }
                await().atMost(L4Fixture.WAIT).until(() -> attempts.size() >= 300);
                long killedAt = System.nanoTime();
                victim.kill();
                await().atMost(L4Fixture.WAIT).until(() -> noticedAt.get() != 0);
                long noticed = noticedAt.get();
                await().atMost(L4Fixture.WAIT).until(() -> attempts.stream().filter(a -> a.startedNanos() > noticed).count() >= 600);
                stop.set(true);
                for (Future<?> c : clients) {
                    c.get(10, TimeUnit.SECONDS);
                }

                List<Attempt> before = attempts.stream().filter(a -> a.startedNanos() <= noticed).toList();
                List<Attempt> after = attempts.stream().filter(a -> a.startedNanos() > noticed).toList();
                long failedBefore = before.stream().filter(a -> a.failure() != null).count();
                List<Attempt> failedAfter = after.stream().filter(a -> a.failure() != null).toList();
                System.out.printf(
                        "server killed under load: noticed by TCP_CHECK after %d ms; %d connections before (%d failed),"
                                + " %d after (%d failed); %d connects to the dead server were passed to the survivor%n",
                        Duration.ofNanos(noticed - killedAt).toMillis(), before.size(), failedBefore, after.size(),
                        failedAfter.size(), f.service().connectFailures(victim.address()));
                before.stream().filter(a -> a.failure() != null).limit(5)
                        .forEach(a -> System.out.println("  failed before detection: " + a.failure()));

                assertThat(failedAfter).isEmpty();
                assertThat(after).extracting(Attempt::server).containsOnly("survivor");
                assertThat(f.tier.snapshot().services().getFirst().destinations())
                        .extracting(d -> d.address()).containsExactly(survivor.address());
            }
        }
    }
}
