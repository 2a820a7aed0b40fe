package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.health.CheckSpec;
import org.bascule.health.CheckTiming;
import org.bascule.health.MiscCheckSpec;
import org.bascule.health.Script;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What health drives in a running NAT service, with real echo servers, real TCP_CHECKs and
 * real scripts: the quorum sequence of the first source document with its sorry server and
 * scripts, notify_up/notify_down, sorry_server_inhibit, omega, and misc_dynamic weights.
 */
class HealthDrivenServiceTest {

    @TempDir
    Path dir;

    @Test
    void quorum30Hysteresis2DownAt29UpOnlyAt31WithTheSorryServerBetween() throws Exception {
        Path log = dir.resolve("quorum.log");
        try (var f = new L4Fixture()) {
            EchoServer big = f.server("big");
            EchoServer mid = f.server("mid");
            EchoServer one = f.server("one");
            EchoServer two = f.server("two");
            EchoServer sorry = f.server("sorry");
            var quorum = new QuorumSpec(30, 2, Optional.of(Script.of("echo up >> " + log)),
                    Optional.of(Script.of("echo down >> " + log)), Quorum.Rule.SOURCE_DOCUMENT);
            f.start(service(List.of(checked(big, 20), checked(mid, 9), checked(one, 1), checked(two, 1)), sorry,
                    quorum, false, false));
            assertThat(live(f)).isEqualTo(31);
            one.kill();
            await().atMost(L4Fixture.WAIT).until(() -> live(f) == 30);
            assertThat(f.service().hasQuorum()).isTrue();
            two.kill();
            await().atMost(L4Fixture.WAIT).until(() -> !f.service().hasQuorum());
            await().atMost(L4Fixture.WAIT).until(() -> Files.exists(log) && Files.readString(log).equals("down\n"));
            // the sorry server has the table to itself and takes every new connection
            assertThat(f.tier.snapshot().services().getFirst().destinations()).extracting(DestinationView::address)
                    .containsExactly(sorry.address());
            assertThat(TcpClient.exchange(f.vip())).isEqualTo("sorry");

            f.servers.add(new EchoServer("one", one.address().getPort()));
            await().atMost(L4Fixture.WAIT).until(() -> isUp(f, one.address()));
            // back at 30: several more checks pass and still no quorum_up, the sorry server keeps serving
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> !f.service().hasQuorum());
            assertThat(Files.readString(log)).isEqualTo("down\n");

            f.servers.add(new EchoServer("two", two.address().getPort()));
            await().atMost(L4Fixture.WAIT).until(() -> f.service().hasQuorum());
            await().atMost(L4Fixture.WAIT).until(() -> Files.readString(log).equals("down\nup\n"));
            assertThat(f.tier.snapshot().services().getFirst().destinations()).extracting(DestinationView::address)
                    .doesNotContain(sorry.address()).hasSize(4);
            assertThat(TcpClient.exchange(f.vip())).isNotEqualTo("sorry");
        }
    }

    @Test
    void notifyScriptsSorryInhibitAndOmega() throws Exception {
        Path log = dir.resolve("notify.log");
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            EchoServer sorry = f.server("sorry");
            var rs = new RealServerSpec(a.address(), 3, false, List.of(L4Fixture.tcpCheck(a.address(), 100, false)),
                    Optional.of(Script.of("echo rs-up >> " + log)), Optional.of(Script.of("echo rs-down >> " + log)));
            var quorum = new QuorumSpec(1, 0, Optional.of(Script.of("echo q-up >> " + log)),
                    Optional.of(Script.of("echo q-down >> " + log)), Quorum.Rule.SOURCE_DOCUMENT);
            f.start(service(List.of(rs), sorry, quorum, true, true));
            // sorry_server_inhibit: listed with weight 0 while not needed
            assertThat(f.tier.snapshot().services().getFirst().destinations())
                    .extracting(d -> d.address().getPort() + "/" + d.weight())
                    .containsExactly(a.address().getPort() + "/3", sorry.address().getPort() + "/0");
            a.kill();
            await().atMost(L4Fixture.WAIT).until(() -> Files.exists(log) && Files.readString(log).equals("rs-down\nq-down\n"));
            assertThat(f.tier.snapshot().services().getFirst().destinations())
                    .extracting(d -> d.address().getPort() + "/" + d.weight())
                    .containsExactly(sorry.address().getPort() + "/1");
            f.servers.add(new EchoServer("a", a.address().getPort()));
            await().atMost(L4Fixture.WAIT).until(() -> Files.readString(log).equals("rs-down\nq-down\nrs-up\nq-up\n"));
            // omega: stopping the service runs notify_down of the live servers, then quorum_down
            f.tier.close();
            f.tier = null;
            assertThat(Files.readString(log)).isEqualTo("rs-down\nq-down\nrs-up\nq-up\nrs-down\nq-down\n");
        }
    }

    @Test
    void miscDynamicExitStatusBecomesTheWeight() throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "12");
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            var timing = new CheckTiming(Duration.ofMillis(100), 0, Duration.ofMillis(50), false).withWarmup(Duration.ZERO);
            CheckSpec misc = new MiscCheckSpec("exit $(cat " + status + ")", Duration.ofSeconds(2), true, Optional.empty(), timing);
            f.start(service(List.of(new RealServerSpec(a.address(), 5, false, List.of(misc))), null,
                    QuorumSpec.DEFAULT, false, false));
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 10);
            Files.writeString(status, "0"); // exit 0 puts the configured weight back
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 5);
            Files.writeString(status, "2"); // weight 0: listed, no new connections
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 0);
            Files.writeString(status, "1"); // dead: removed
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == -1);
        }
    }

    @Test
    void anAgentDrainsWeighsAndTakesItsServerOut() throws Exception {
        Path bin = Path.of("/usr/bin/socat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bin), "socat is not installed (apt-get install socat)");
        Path reply = dir.resolve("reply");
        Files.writeString(reply, "up ready\n");
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process socat = new ProcessBuilder(bin.toString(), "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "SYSTEM:cat " + reply).redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            var agentAddress = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
            await().atMost(L4Fixture.WAIT).ignoreExceptions().until(() -> {
                try (var s = new java.net.Socket()) {
                    s.connect(agentAddress, 200);
                    return true;
                }
            });
            var timing = new CheckTiming(Duration.ofMillis(100), 0, Duration.ZERO, false).withWarmup(Duration.ZERO)
                    .withRiseFall(new org.bascule.health.RiseFall(1, 1));
            CheckSpec agent = new org.bascule.health.AgentCheckSpec(agentAddress, Optional.empty(), Duration.ofSeconds(1),
                    Optional.empty(), timing);
            f.start(service(List.of(new RealServerSpec(a.address(), 4, false,
                    List.of(L4Fixture.tcpCheck(a.address(), 100, false), agent))), null, QuorumSpec.DEFAULT, false, false));
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 4);
            Files.writeString(reply, "50%\n");
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 2);
            Files.writeString(reply, "drain\n"); // listed, no new connections
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 0);
            Files.writeString(reply, "maint\n"); // out of the table
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == -1);
            Files.writeString(reply, "ready\n"); // back, with the 50% still standing
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 2);
            Files.writeString(reply, "down # disk full\n");
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == -1);
            Files.writeString(reply, "up 100%\n");
            await().atMost(L4Fixture.WAIT).until(() -> weightOf(f, a.address()) == 4);
        } finally {
            socat.destroy();
            socat.waitFor();
        }
    }

    // ---- helpers

    private static RealServerSpec checked(EchoServer s, int weight) {
        return L4Fixture.checked(s, weight, false, L4Fixture.tcpCheck(s.address(), 100, false));
    }

    private static VirtualServiceSpec service(List<RealServerSpec> servers, EchoServer sorry, QuorumSpec quorum,
            boolean sorryInhibit, boolean omega) {
        return new VirtualServiceSpec(new ServiceAddress.Endpoint(L4Protocol.TCP, L4Fixture.ANY_LOOPBACK_PORT), "wrr",
                ForwardingMethod.MASQ, servers, Optional.ofNullable(sorry).map(EchoServer::address))
                .withQuorum(quorum, sorryInhibit, omega);
    }

    private static boolean isUp(L4Fixture f, InetSocketAddress server) {
        return f.health.events().currentAll().values().stream()
                .anyMatch(c -> c.target().server().equals(server) && c.health() == org.bascule.health.Health.UP);
    }

    /** Total weight of the listed real servers as ipvsadm shows it. */
    private static long live(L4Fixture f) {
        return liveWeightOfPool(f);
    }

    private static long liveWeightOfPool(L4Fixture f) {
        List<DestinationView> ds = new ArrayList<>(f.tier.snapshot().services().getFirst().destinations());
        return ds.stream().mapToLong(DestinationView::weight).sum();
    }

    /** The weight ipvsadm shows for {@code server}, -1 when it is not listed. */
    private static int weightOf(L4Fixture f, InetSocketAddress server) {
        return f.tier.snapshot().services().getFirst().destinations().stream()
                .filter(d -> d.address().equals(server)).mapToInt(DestinationView::weight).findFirst().orElse(-1);
    }
}
