package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The runner in real time: real TCP checks on loopback, and a slow checker that overruns. */
class HealthMonitorTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aServerThatStopsListeningGoesDownThenUpAgain() throws IOException {
        var timing = new CheckTiming(Duration.ofMillis(100), 1, Duration.ofMillis(50), false);
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        int port = server.getLocalPort();
        var address = new InetSocketAddress(LOOPBACK, port);
        var target = new HealthTarget("TCP 127.0.0.1:80", address, "TCP_CHECK");
        try (var monitor = new HealthMonitor()) {
            List<HealthChange> seen = new CopyOnWriteArrayList<>();
            monitor.events().subscribe(seen::add);
            CheckWatch watch = monitor.watch(target,
                    new TcpCheckSpec(address, Optional.empty(), Duration.ofMillis(500), timing));

            await().atMost(WAIT).until(() -> watch.lastResult().status() == CheckStatus.L4OK);
            server.close();
            await().atMost(WAIT).until(() -> monitor.events().current(target).orElseThrow().health() == Health.DOWN);
            try (ServerSocket again = new ServerSocket(port, 50, LOOPBACK)) {
                assertThat(again.isBound()).isTrue();
                await().atMost(WAIT).until(() -> monitor.events().current(target).orElseThrow().health() == Health.UP);
            }
            assertThat(seen).extracting(c -> c.health() + " " + c.reason().status().code())
                    .containsExactly("UP INI", "DOWN L4CON", "UP L4OK");
        }
    }

    @Test
    void alphaStartsDownUntilTheFirstSuccess() throws IOException {
        var timing = new CheckTiming(Duration.ofMillis(100), 1, Duration.ofMillis(50), true);
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK); var monitor = new HealthMonitor()) {
            var address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            var target = new HealthTarget("test", address, "TCP_CHECK");
            List<HealthChange> seen = new CopyOnWriteArrayList<>();
            monitor.events().subscribe(seen::add); // queued before the watch publishes: sees everything
            monitor.watch(target, new TcpCheckSpec(address, Optional.empty(), Duration.ofMillis(500), timing));
            await().atMost(WAIT).until(() -> seen.size() == 2);
            assertThat(seen).extracting(c -> c.health() + " " + c.reason().status().code() + " #" + c.sequence())
                    .containsExactly("DOWN INI #1", "UP L4OK #2");
        }
    }

    @Test
    void aCheckLongerThanDelayLoopIsSkippedNotStacked() {
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var started = new AtomicInteger();
        Checker slow = () -> {
            started.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(450); // the probe hangs 4.5 periods of delay_loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new CheckResult(CheckStatus.L4OK, "", Duration.ofMillis(450));
        };
        var timing = new CheckTiming(Duration.ofMillis(100), 1, Duration.ofMillis(50), false);
        var spec = new TcpCheckSpec(new InetSocketAddress(LOOPBACK, 9), Optional.empty(), Duration.ofSeconds(1), timing);
        RandomGenerator noSpread = () -> 0L;
        try (var monitor = new HealthMonitor(InstantSource.system(), noSpread, s -> slow)) {
            CheckWatch watch = monitor.watch(new HealthTarget("test", spec.connectTo(), "slow"), spec);
            await().atMost(WAIT).until(() -> watch.state().skipped() >= 6);
            System.out.printf("slow check: %d started, %d skipped, at most %d at once%n",
                    started.get(), watch.state().skipped(), mostAtOnce.get());
            assertThat(mostAtOnce.get()).isEqualTo(1);
            assertThat(started.get()).isLessThanOrEqualTo(3);
        }
    }
}
