package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-H3 in real time: overruns are skipped and counted, first checks are spread within warmup. */
class CheckTimingRealTimeTest {

    @TempDir
    Path dir;

    @Test
    void aFiveSecondCheckOnAOneSecondDelayLoopIsSkippedNotStacked() throws IOException {
        Path starts = dir.resolve("starts");
        Path script = dir.resolve("slow.sh");
        Files.writeString(script, "echo start >> " + starts + "\nsleep 5\n");
        var timing = new CheckTiming(Duration.ofSeconds(1), 0, Duration.ofSeconds(1), false).withWarmup(Duration.ZERO);
        var spec = new MiscCheckSpec("sh " + script, Duration.ofSeconds(10), false, Optional.empty(), timing);
        var target = new HealthTarget("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 80), spec.label());
        try (var monitor = new HealthMonitor()) {
            CheckWatch watch = monitor.watch(target, spec);
            await().atMost(Duration.ofSeconds(9)).until(() -> watch.lastResult().status() == CheckStatus.PROCOK);
            long skipped = watch.state().skipped();
            List<String> started = Files.readAllLines(starts);
            System.out.printf("5 s check, 1 s delay_loop: %d started, %d skipped while it ran%n", started.size(), skipped);
            assertThat(started).hasSize(1);
            assertThat(skipped).isBetween(4L, 5L);
        }
    }

    @Test
    void warmupZeroChecksAtOnceAndWarmupBoundsTheSpread() {
        Checker instant = () -> new CheckResult(CheckStatus.L4OK, "", Duration.ZERO);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        try (var monitor = new HealthMonitor(() -> t0, highest, s -> instant)) {
            var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 80);
            var loop = new CheckTiming(Duration.ofSeconds(60), 1, Duration.ofSeconds(1), false);
            CheckWatch now = monitor.watch(new HealthTarget("a", server, "x"), TcpCheckSpec.of(server).withTiming(loop.withWarmup(Duration.ZERO)));
            CheckWatch late = monitor.watch(new HealthTarget("b", server, "x"), TcpCheckSpec.of(server).withTiming(loop.withWarmup(Duration.ofSeconds(7))));
            CheckWatch byDefault = monitor.watch(new HealthTarget("c", server, "x"), TcpCheckSpec.of(server).withTiming(loop));
            // due at once: it has already run (at the frozen t0) and re-armed one delay_loop later
            await().atMost(Duration.ofSeconds(5)).until(() -> now.lastResult().status() == CheckStatus.L4OK);
            assertThat(now.state().nextDue()).isEqualTo(t0.plusSeconds(60));
            assertThat(late.state().nextDue()).isEqualTo(t0.plusSeconds(7));
            assertThat(byDefault.state().nextDue()).isEqualTo(t0.plusSeconds(60)); // keepalived: warmup defaults to delay_loop
        }
    }

    @Test
    void firstChecksOfManyServersAreSpreadOverTheWarmup() {
        Checker never = () -> new CheckResult(CheckStatus.L4OK, "", Duration.ZERO);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        InstantSource frozen = () -> t0;
        try (var monitor = new HealthMonitor(frozen, RandomGenerator.of("L64X128MixRandom"), s -> never)) {
            Set<Instant> firsts = new HashSet<>();
            var timing = new CheckTiming(Duration.ofSeconds(3600), 1, Duration.ofSeconds(1), false).withWarmup(Duration.ofSeconds(10));
            for (int i = 0; i < 200; i++) {
                var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1000 + i);
                Instant due = monitor.watch(new HealthTarget("svc", server, "x"), TcpCheckSpec.of(server).withTiming(timing))
                        .state().nextDue();
                assertThat(due).isBetween(t0, t0.plusSeconds(10));
                firsts.add(due);
            }
            assertThat(firsts).hasSizeGreaterThan(195);
        }
    }
}
