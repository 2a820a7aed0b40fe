package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.DestinationSettings;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.IpvsEditException;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceSettings;
import org.bascule.l4.table.ServiceView;
import org.junit.jupiter.api.Test;

/**
 * R-V6 / R-O4: the table edited through {@link org.bascule.l4.table.IpvsTableEditor} (what
 * {@code ipvsadm -A -E -D -a -e -d -Z -C --set} call) while clients keep connecting: every edit
 * takes effect at once and no connection fails, established ones included.
 */
class LiveEditTest {

    private static ServiceAddress tcp(InetSocketAddress vip) {
        return new ServiceAddress.Endpoint(L4Protocol.TCP, vip);
    }

    private static DestinationSettings masq(EchoServer s, int weight) {
        return new DestinationSettings(s.address(), weight, ForwardingMethod.MASQ);
    }

    private static Optional<DestinationView> destination(L4Tier tier, InetSocketAddress server) {
        return tier.snapshot().services().getFirst().destinations().stream().filter(d -> d.address().equals(server)).findFirst();
    }

    @Test
    void editsUnderLoadLoseNoConnection() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            EchoServer b = f.server("b");
            EchoServer c = f.server("c");
            L4Tier tier = f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr",
                    List.of(RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1))));
            ServiceAddress svc = tcp(f.vip());
            TcpClient heldOnA = null;
            TcpClient heldOnB = null;
            while (heldOnA == null || heldOnB == null) {
                TcpClient t = new TcpClient(f.vip());
                if (t.server().equals("a") && heldOnA == null) {
                    heldOnA = t;
                } else if (t.server().equals("b") && heldOnB == null) {
                    heldOnB = t;
                } else {
                    t.close();
                }
            }
            TrafficLoad load = new TrafficLoad(f.vip(), 4);
            try (load) {
                await().atMost(L4Fixture.WAIT).until(() -> load.done.get() > 100);

                // -a: c joins at once
                tier.addDestination(svc, masq(c, 1));
                long cBefore = load.served("c");
                await().atMost(L4Fixture.WAIT).until(() -> load.served("c") > cBefore + 50);

                // -e -w 0: a drains; its established connection goes on
                tier.editDestination(svc, masq(a, 0));
                long aAfterDrain = load.served("a");
                await().atMost(L4Fixture.WAIT).until(() -> load.served("b") > 200 && load.served("c") > cBefore + 150);
                assertThat(load.served("a")).isLessThanOrEqualTo(aAfterDrain + 4); // at most what was in flight
                heldOnA.echo("drained but alive");
                assertThat(destination(tier, a.address()).orElseThrow().weight()).isZero();

                // -d: b leaves the table, its held connection still works
                tier.deleteDestination(svc, b.address());
                long bAfterDelete = load.served("b");
                long cNow = load.served("c");
                await().atMost(L4Fixture.WAIT).until(() -> load.served("c") > cNow + 100);
                assertThat(load.served("b")).isLessThanOrEqualTo(bAfterDelete + 4);
                assertThat(destination(tier, b.address())).isEmpty();
                heldOnB.echo("removed but alive");

                // -E: another scheduler, persistence recorded and listed
                tier.editService(svc, new ServiceSettings("wrr", Optional.of(new Persistence(600, "255.255.255.0"))));
                ServiceView view = tier.snapshot().services().getFirst();
                assertThat(view.scheduler()).isEqualTo("wrr");
                assertThat(view.persistence()).contains(new Persistence(600, "255.255.255.0"));
                // persistence is applied: every client here is 127.0.0.1 and would stay on its server
                tier.editService(svc, new ServiceSettings("wrr", Optional.empty()));

                // -e -w 2 back on a: both get traffic again
                tier.editDestination(svc, masq(a, 2));
                long aBack = load.served("a");
                await().atMost(L4Fixture.WAIT).until(() -> load.served("a") > aBack + 50);

                // -A / -D of a second service while the first one serves
                InetSocketAddress second;
                try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    second = new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
                }
                tier.addService(tcp(second), new ServiceSettings("rr", Optional.empty()));
                tier.addDestination(tcp(second), masq(c, 1));
                assertThat(TcpClient.exchange(second)).isEqualTo("c");
                tier.deleteService(tcp(second));
                assertThat(tier.snapshot().services()).hasSize(1);

                int before = load.done.get();
                await().atMost(L4Fixture.WAIT).until(() -> load.done.get() > before + 100);
            }
            System.out.printf("live edits under load: %d connections, %d failed, served %s%n",
                    load.done.get(), load.failures.size(), load.served);
            assertThat(load.failures).as("connections that failed during the edits").isEmpty();
            heldOnA.echo("end");
            heldOnB.echo("end");
            heldOnA.close();
            heldOnB.close();
        }
    }

    @Test
    void refusalsCarryIpvsReasons() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            L4Tier tier = f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 1))));
            ServiceAddress svc = tcp(f.vip());
            ServiceAddress missing = tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1));
            assertThatThrownBy(() -> tier.addService(svc, new ServiceSettings("rr", Optional.empty())))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.SERVICE_EXISTS));
            assertThatThrownBy(() -> tier.editService(missing, new ServiceSettings("rr", Optional.empty())))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.NO_SUCH_SERVICE));
            assertThatThrownBy(() -> tier.editService(svc, new ServiceSettings("wlcx", Optional.empty())))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.SCHEDULER_NOT_FOUND));
            assertThatThrownBy(() -> tier.addDestination(svc, masq(a, 1)))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.DESTINATION_EXISTS));
            assertThatThrownBy(() -> tier.deleteDestination(svc, new InetSocketAddress(InetAddress.getLoopbackAddress(), 2)))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.NO_SUCH_DESTINATION));
            assertThatThrownBy(() -> tier.addService(new ServiceAddress.Fwmark(3), new ServiceSettings("rr", Optional.empty())))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.NOT_SUPPORTED));
            // ipvsadm's -g gives a real server the service's port: on the VIP's own address that is a loop
            assertThatThrownBy(() -> tier.addDestination(svc, new DestinationSettings(f.vip(), 1, ForwardingMethod.ROUTE)))
                    .isInstanceOfSatisfying(IpvsEditException.class, e -> assertThat(e.reason()).isEqualTo(IpvsEditException.Reason.NOT_SUPPORTED))
                    .hasMessageContaining("is the virtual service itself");
            assertThat(TcpClient.exchange(f.vip())).isEqualTo("a");
        }
    }

    @Test
    void zeroClearAndTimeouts() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            L4Tier tier = f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 1))));
            for (int i = 0; i < 3; i++) {
                TcpClient.exchange(f.vip());
            }
            TcpClient held = new TcpClient(f.vip());
            held.echo("x");
            assertThat(tier.snapshot().services().getFirst().counters().conns()).isEqualTo(4);

            // The three finished exchanges leave ESTABLISHED once the proxy has seen their close (asynchronously).
            await().atMost(L4Fixture.WAIT).until(() -> tier.connections().stream().filter(e -> e.state().equals("ESTABLISHED")).count() == 1);
            List<ConnectionView> entries = tier.connections();
            assertThat(entries).filteredOn(e -> e.state().equals("ESTABLISHED")).hasSize(1)
                    .allSatisfy(e -> {
                        assertThat(e.destination()).isEqualTo(a.address());
                        assertThat(e.virtual()).isEqualTo(f.vip());
                        assertThat(e.expiresInSeconds()).isBetween(895L, 900L);
                    });
            await().atMost(L4Fixture.WAIT).until(() -> tier.connections().stream().filter(e -> e.state().equals("TIME_WAIT")).count() == 3);

            tier.zero(Optional.empty());
            ServiceView zeroed = tier.snapshot().services().getFirst();
            assertThat(zeroed.counters().conns()).isZero();
            assertThat(zeroed.destinations().getFirst().counters().inBytes()).isZero();
            assertThat(zeroed.destinations().getFirst().activeConns()).as("zeroing keeps connections").isEqualTo(1);
            held.echo("after zero");

            assertThat(tier.timeouts()).isEqualTo(new IpvsTimeouts(900, 120, 300));
            tier.setTimeouts(new IpvsTimeouts(0, 5, 0));
            assertThat(tier.timeouts()).isEqualTo(new IpvsTimeouts(900, 5, 300));
            // tcp timeout 2 s: the idle held connection is expired like an IPVS entry
            tier.setTimeouts(new IpvsTimeouts(2, 0, 0));
            await().atMost(L4Fixture.WAIT).until(() -> tier.snapshot().services().getFirst().destinations().getFirst().activeConns() == 0);
            assertThat(held.closedByPeerWithin(2_000)).isTrue();

            tier.clear();
            assertThat(tier.snapshot().services()).isEmpty();
        }
    }
}
