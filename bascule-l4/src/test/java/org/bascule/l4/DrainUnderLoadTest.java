package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.bascule.sched.SchedulerFlag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R-S5/R-Q1: weight 0 while traffic flows. Long connections to the drained server go on and
 * finish normally, new connections all go elsewhere, and not one connection fails.
 */
class DrainUnderLoadTest {

    /** Every client loop ends by itself after this many rounds, whatever happens. */
    private static final int MAX_ROUNDS = 3_000;

    /**
     * mh runs with mh-fallback: without it IPVS (and Bascule) drop the clients whose slots belong
     * to the drained server, which keeps its slots (ip_vs_mh's last_weight).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wlc", "lc", "mh"})
    void drainingUnderLoadLosesNothing(String scheduler) throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("A");
            EchoServer b = f.server("B");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, scheduler, List.of(
                    RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1)))
                    .withSchedulerFlags(scheduler.equals("mh") ? Set.of(SchedulerFlag.FALLBACK) : Set.of()));
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger longOnA = new AtomicInteger();
            AtomicInteger exchanges = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            int acceptedAtDrain;
            int newAfterDrainOnB = 0;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> work = new ArrayList<>();
                // long-lived connections, echoing every 10 ms until told to stop
                for (int c = 0; c < 8; c++) {
                    String source = "127.0.7." + (c + 1);
                    work.add(pool.submit(() -> {
                        try (var client = new SourceClient(f.vip(), source)) {
                            if (client.server().equals("A")) {
                                longOnA.incrementAndGet();
                            }
                            for (int i = 0; !stop.get() && i < MAX_ROUNDS; i++) {
                                if (!client.request("n" + i).equals("n" + i)) {
                                    failures.incrementAndGet();
                                }
                                exchanges.incrementAndGet();
                                Thread.sleep(10);
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        }
                        return null;
                    }));
                }
                // short connections all along
                for (int c = 0; c < 2; c++) {
                    int base = c;
                    work.add(pool.submit(() -> {
                        for (int i = 0; !stop.get() && i < MAX_ROUNDS; i++) {
                            try {
                                SourceClient.exchange(f.vip(), "127.0.8." + (1 + (2 * i + base) % 200));
                            } catch (IOException e) {
                                failures.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                try {
                    Awaitility.await().atMost(L4Fixture.WAIT).until(() -> exchanges.get() > 100);
                    f.service().setWeight(a.address(), 0);
                    acceptedAtDrain = a.accepted();
                    // new connections from now on: none to A
                    for (int i = 0; i < 40; i++) {
                        if (SourceClient.exchange(f.vip(), "127.0.9." + (i + 1)).equals("B")) {
                            newAfterDrainOnB++;
                        }
                    }
                    int before = exchanges.get();
                    Awaitility.await().atMost(L4Fixture.WAIT).until(() -> exchanges.get() > before + 100);
                } finally {
                    stop.set(true); // also when something failed: the executor waits for its tasks
                }
                for (Future<?> w : work) {
                    w.get(60, TimeUnit.SECONDS);
                }
            }
            System.out.printf("%s drain: %d of 8 long connections on A kept serving, %d exchanges, A accepted %d at drain"
                    + " and %d at the end, %d of 40 new connections on B, %d failures%n", scheduler, longOnA.get(),
                    exchanges.get(), acceptedAtDrain, a.accepted(), newAfterDrainOnB, failures.get());
            assertThat(failures.get()).isZero();
            assertThat(newAfterDrainOnB).isEqualTo(40);
            // a connection scheduled just before the new set was published may still arrive
            assertThat(a.accepted()).isLessThanOrEqualTo(acceptedAtDrain + 2);
            assertThat(longOnA.get()).as("some long connections were on the drained server").isPositive();
            Awaitility.await().atMost(L4Fixture.WAIT).until(() -> a.open() == 0);
        }
    }
}
