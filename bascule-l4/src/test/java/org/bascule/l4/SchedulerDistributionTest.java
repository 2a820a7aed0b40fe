package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bascule.sched.SchedulerFlag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scheduler through the real proxy on loopback: 300 connections, one after the other,
 * from 100 source addresses (127.0.1.x), to A (weight 2) and B (weight 1), configured in that
 * order, so IPVS's list (newest first) is B, A. Each connection is closed before the next, so
 * active counts stay 0 and the least-connection family sees only the "inactive" recent closes
 * (the test waits for the proxy to have seen each close before the next connection).
 */
class SchedulerDistributionTest {

    private static final int CONNECTIONS = 300;

    static Stream<Arguments> schedulers() {
        return Stream.of(
                // name, flags, expected share of A, tolerance
                Arguments.of("rr", Set.of(), 0.5, 0.01),            // weights do not matter
                Arguments.of("wrr", Set.of(), 2 / 3.0, 0.01),
                Arguments.of("lc", Set.of(), 0.5, 0.01),            // fewest recent closes: alternates
                Arguments.of("wlc", Set.of(), 2 / 3.0, 0.01),       // recent closes per weight
                Arguments.of("sed", Set.of(), 1.0, 0.0),            // (0 active + 1) / weight: the heavier, always
                Arguments.of("nq", Set.of(), 0.0, 0.0),             // an idle server at once: the list head, B
                Arguments.of("twos", Set.of(), 2 / 3.0, 0.08),
                Arguments.of("random", Set.of(), 2 / 3.0, 0.08),
                Arguments.of("sh", Set.of(), 2 / 3.0, 0.12),        // 256 buckets B A A ..., 100 sources
                // the table follows the servers' ephemeral ports, so 100 sources are a fresh sample each run:
                // sd ~0.047, 0.16 is ~3.4 sd (0.12 failed once in ~30 runs, at 0.79)
                Arguments.of("mh", Set.of(), 2 / 3.0, 0.16),
                Arguments.of("dh", Set.of(), -1.0, 0.0),            // one VIP: one server takes all
                Arguments.of("fo", Set.of(), 1.0, 0.0));            // highest weight
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedulers")
    void sharesThroughTheProxy(String scheduler, Set<SchedulerFlag> flags, double shareOfA, double tolerance) throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("A");
            EchoServer b = f.server("B");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, scheduler, List.of(
                    RealServerSpec.of(a.address(), 2), RealServerSpec.of(b.address(), 1))).withSchedulerFlags(flags));

            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                counts.merge(SourceClient.exchange(f.vip(), "127.0.1." + (1 + i % 100)), 1, Integer::sum);
                awaitNoActiveConnection(f);
            }
            int toA = counts.getOrDefault("A", 0);
            System.out.printf("%s: A %d, B %d%n", scheduler, toA, counts.getOrDefault("B", 0));
            assertThat(toA + counts.getOrDefault("B", 0)).isEqualTo(CONNECTIONS);
            if (shareOfA < 0) {
                assertThat(counts).hasSize(1);
            } else {
                assertThat(toA / (double) CONNECTIONS).isCloseTo(shareOfA, org.assertj.core.api.Assertions.within(tolerance));
            }
        }
    }

    static void awaitNoActiveConnection(L4Fixture f) {
        org.awaitility.Awaitility.await().atMost(L4Fixture.WAIT).pollDelay(java.time.Duration.ZERO)
                .pollInterval(java.time.Duration.ofMillis(1))
                .until(() -> f.service().view().destinations().stream().allMatch(d -> d.activeConns() == 0));
    }

    @ParameterizedTest(name = "{0} with the port")
    @MethodSource("hashing")
    void hashingWithThePortSpreadsOneClient(String scheduler) throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("A");
            EchoServer b = f.server("B");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, scheduler, List.of(
                    RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1)))
                    .withSchedulerFlags(Set.of(SchedulerFlag.PORT)));
            Map<String, Integer> one = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                one.merge(SourceClient.exchange(f.vip(), "127.0.2.1"), 1, Integer::sum);
            }
            assertThat(one).containsKeys("A", "B");
            assertThat(f.service().view().schedulerFlags()).containsExactly(scheduler + "-port");
        }
    }

    static Stream<String> hashing() {
        return Stream.of("sh", "mh");
    }

    @ParameterizedTest(name = "{0} keeps a client")
    @MethodSource("hashing")
    void hashingWithoutThePortKeepsAClientOnOneServer(String scheduler) throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("A");
            EchoServer b = f.server("B");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, scheduler, List.of(
                    RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1))));
            for (int client = 1; client <= 20; client++) {
                String first = SourceClient.exchange(f.vip(), "127.0.3." + client);
                for (int i = 0; i < 5; i++) {
                    assertThat(SourceClient.exchange(f.vip(), "127.0.3." + client)).isEqualTo(first);
                }
            }
        }
    }
}
