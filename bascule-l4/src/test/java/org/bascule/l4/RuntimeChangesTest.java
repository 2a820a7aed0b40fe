package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bascule.l4.table.DestinationView;
import org.junit.jupiter.api.Test;

/** R-V6: drain, re-weight, add and remove real servers at run time, without dropping connections. */
class RuntimeChangesTest {

    @Test
    void drainedServerKeepsItsConnectionsAndGetsNoNewOnes() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            EchoServer b = f.server("b");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "wrr",
                    List.of(RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1))));
            List<TcpClient> held = open(f.vip(), 4);
            TcpClient onA = held.stream().filter(c -> c.server().equals("a")).findFirst().orElseThrow();

            f.service().setWeight(a.address(), 0);

            for (int i = 0; i < 20; i++) {
                assertThat(TcpClient.exchange(f.vip())).isEqualTo("b");
            }
            onA.echo("still here");
            DestinationView drained = destination(f, a.address());
            assertThat(drained.weight()).isZero();
            assertThat(drained.activeConns()).isEqualTo(2);

            onA.close();
            await().atMost(L4Fixture.WAIT).until(() -> destination(f, a.address()).activeConns() == 1);
            assertThat(destination(f, a.address()).inactiveConns()).isEqualTo(1);

            f.service().setWeight(a.address(), 3);
            List<String> next = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                next.add(TcpClient.exchange(f.vip()));
            }
            assertThat(next).containsOnly("a", "b").filteredOn("a"::equals).hasSize(3);
            closeAll(held);
        }
    }

    @Test
    void removedServerFinishesItsConnectionsAndAnAddedOneTakesNewOnes() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            EchoServer b = f.server("b");
            EchoServer c = f.server("c");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr",
                    List.of(RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1))));
            List<TcpClient> held = open(f.vip(), 2);
            TcpClient onA = held.stream().filter(x -> x.server().equals("a")).findFirst().orElseThrow();

            f.service().removeRealServer(a.address());
            assertThat(f.tier.snapshot().services().getFirst().destinations())
                    .extracting(DestinationView::address).containsExactly(b.address());
            for (int i = 0; i < 5; i++) {
                assertThat(TcpClient.exchange(f.vip())).isEqualTo("b");
            }
            onA.echo("served by a removed server");

            f.service().addRealServer(RealServerSpec.of(c.address(), 1));
            // IPVS adds at the head of the list
            assertThat(f.tier.snapshot().services().getFirst().destinations())
                    .extracting(DestinationView::address).containsExactly(c.address(), b.address());
            List<String> next = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                next.add(TcpClient.exchange(f.vip()));
            }
            assertThat(next).containsExactlyInAnyOrder("b", "b", "c", "c");
            onA.echo("still");
            closeAll(held);
        }
    }

    @Test
    void runtimeChangesNameWhatIsWrong() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 1))));
            var unknown = new InetSocketAddress("127.0.0.1", 1);
            assertThatIllegalArgumentException().isThrownBy(() -> f.service().setWeight(unknown, 1))
                    .withMessageStartingWith("real_server: /127.0.0.1:1 (expected: one of [");
            assertThatIllegalArgumentException().isThrownBy(() -> f.service().setWeight(a.address(), 70000))
                    .withMessage("weight: 70000 (expected: 0-65535)");
            assertThatIllegalArgumentException().isThrownBy(() -> f.service().addRealServer(RealServerSpec.of(a.address(), 1)))
                    .withMessageContaining("(expected: not yet in TCP 127.0.0.1:");
        }
    }

    private static List<TcpClient> open(InetSocketAddress vip, int n) throws IOException {
        List<TcpClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(new TcpClient(vip));
        }
        return clients;
    }

    private static void closeAll(List<TcpClient> clients) throws IOException {
        for (TcpClient c : clients) {
            c.close();
        }
    }

    static DestinationView destination(L4Fixture f, InetSocketAddress address) {
        return f.tier.snapshot().services().getFirst().destinations().stream()
                .filter(d -> d.address().equals(address)).findFirst().orElseThrow();
    }
}
