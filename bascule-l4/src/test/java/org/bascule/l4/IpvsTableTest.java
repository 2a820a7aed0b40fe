package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.ServiceView;
import org.junit.jupiter.api.Test;

/** R-V6: the tier as ipvsadm -Ln / --stats shows it. */
class IpvsTableTest {

    @Test
    void listsServicesAndDestinationsInIpvsOrderWithCountersAndConnections() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            EchoServer b = f.server("b");
            f.start(L4Options.defaults().withTcpFinTimeout(Duration.ofSeconds(2)),
                    VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "wrr",
                            List.of(RealServerSpec.of(a.address(), 2), RealServerSpec.of(b.address(), 1))));
            for (int i = 0; i < 3; i++) {
                TcpClient.exchange(f.vip()); // "ping\n" in (5 bytes), greeting + echo out (2 + 5 bytes)
            }
            TcpClient held = new TcpClient(f.vip()); // 4th: a again (a a b a)

            ServiceView service = f.tier.snapshot().services().getFirst();
            assertThat(service.address()).isEqualTo(f.service().address());
            assertThat(service.scheduler()).isEqualTo("wrr");
            assertThat(service.persistence()).isEmpty();
            // keepalived adds a then b; IPVS puts each new destination at the head
            assertThat(service.destinations()).extracting(DestinationView::address).containsExactly(b.address(), a.address());
            assertThat(service.destinations()).extracting(DestinationView::method).containsOnly(ForwardingMethod.MASQ);
            assertThat(service.destinations()).extracting(DestinationView::weight).containsExactly(1, 2);

            await().atMost(L4Fixture.WAIT).until(() -> RuntimeChangesTest.destination(f, a.address()).inactiveConns() == 2);
            DestinationView rowA = RuntimeChangesTest.destination(f, a.address());
            assertThat(rowA.activeConns()).isEqualTo(1);
            assertThat(rowA.counters().conns()).isEqualTo(3);
            assertThat(rowA.counters().inBytes()).isEqualTo(2 * 5);
            assertThat(rowA.counters().outBytes()).isEqualTo(2 * 7 + 2);
            DestinationView rowB = RuntimeChangesTest.destination(f, b.address());
            assertThat(rowB.activeConns()).isZero();
            assertThat(rowB.inactiveConns()).isEqualTo(1);
            assertThat(f.tier.snapshot().services().getFirst().counters().conns()).isEqualTo(4);

            // closed connections stop counting as inactive after tcpfin (2 s here)
            await().atMost(L4Fixture.WAIT).until(() -> RuntimeChangesTest.destination(f, b.address()).inactiveConns() == 0);
            held.close();
            await().atMost(L4Fixture.WAIT).until(() -> RuntimeChangesTest.destination(f, a.address()).activeConns() == 0);
        }
    }

    @Test
    void aFailedServerIsRemovedFromTheTableUnlessInhibitedThenWeightZero() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer removed = f.server("removed");
            EchoServer inhibited = f.server("inhibited");
            EchoServer healthy = f.server("healthy");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "wrr", List.of(
                    L4Fixture.checked(removed, 5, false, L4Fixture.tcpCheck(removed.address(), 100, false)),
                    L4Fixture.checked(inhibited, 7, true, L4Fixture.tcpCheck(inhibited.address(), 100, false)),
                    L4Fixture.checked(healthy, 1, false, L4Fixture.tcpCheck(healthy.address(), 100, false)))));
            removed.kill();
            inhibited.kill();
            await().atMost(L4Fixture.WAIT).until(() -> f.tier.snapshot().services().getFirst().destinations().size() == 2
                    && RuntimeChangesTest.destination(f, inhibited.address()).weight() == 0);
            assertThat(f.tier.snapshot().services().getFirst().destinations())
                    .extracting(d -> d.address().getPort() + "/" + d.weight())
                    .containsExactly(healthy.address().getPort() + "/1", inhibited.address().getPort() + "/0");
            assertThat(TcpClient.exchange(f.vip())).isEqualTo("healthy");

            // the removed server recovers: keepalived adds it back, at the head of the IPVS list
            try (EchoServer back = new EchoServer("removed", removed.address().getPort())) {
                assertThat(back.address()).isEqualTo(removed.address());
                await().atMost(L4Fixture.WAIT).until(() -> f.tier.snapshot().services().getFirst().destinations().size() == 3);
                assertThat(f.tier.snapshot().services().getFirst().destinations())
                        .extracting(DestinationView::address).first().isEqualTo(removed.address());
                assertThat(RuntimeChangesTest.destination(f, removed.address()).weight()).isEqualTo(5);
            }
        }
    }

    @Test
    void theSorryServerTakesOverWhenNoRealServerIsUp() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer sorry = f.server("sorry");
            EchoServer real = f.server("real");
            // The check probes a port of its own (keepalived's connect_port), so the test, not the
            // 100 ms check loop racing a loaded machine, decides when the check notices.
            EchoServer realHealth = f.server("real-health");
            var spec = new VirtualServiceSpec(
                    new org.bascule.l4.table.ServiceAddress.Endpoint(org.bascule.l4.table.L4Protocol.TCP, L4Fixture.ANY_LOOPBACK_PORT),
                    "rr", ForwardingMethod.MASQ,
                    List.of(L4Fixture.checked(real, 1, false, L4Fixture.tcpCheck(realHealth.address(), 100, false))),
                    java.util.Optional.of(sorry.address()));
            f.start(spec);
            assertThat(TcpClient.exchange(f.vip())).isEqualTo("real");
            real.kill();
            // before the check notices, a refused connect falls back on the sorry server
            assertThat(TcpClient.exchange(f.vip())).isEqualTo("sorry");
            assertThat(f.service().connectFailures(real.address())).isEqualTo(1);
            assertThat(f.tier.snapshot().services().getFirst().destinations())
                    .extracting(DestinationView::address).containsExactly(real.address());
            realHealth.kill();
            // once it has noticed, keepalived's quorum is lost and the sorry server is the destination
            await().atMost(L4Fixture.WAIT).until(() -> f.tier.snapshot().services().getFirst().destinations()
                    .stream().map(DestinationView::address).toList().equals(List.of(sorry.address())));
            assertThat(TcpClient.exchange(f.vip())).isEqualTo("sorry");
            assertThat(f.service().connectFailures(real.address())).as("no connect tried to a server out of the table").isEqualTo(1);
        }
    }

    @Test
    void alphaServersTakeNoConnectionBeforeTheirFirstSuccessfulCheck() throws Exception {
        try (var f = new L4Fixture()) {
            var address = RelayTest.closedPort();
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr",
                    List.of(new RealServerSpec(address, 1, false, List.of(L4Fixture.tcpCheck(address, 100, true))))));
            // alpha: DOWN until a check passes, and none can pass while nothing listens
            assertThat(f.tier.snapshot().services().getFirst().destinations()).isEmpty();
            try (EchoServer a = new EchoServer("a", address.getPort())) {
                assertThat(a.address()).isEqualTo(address);
                await().atMost(L4Fixture.WAIT).until(() -> f.tier.snapshot().services().getFirst().destinations().size() == 1);
                assertThat(TcpClient.exchange(f.vip())).isEqualTo("a");
            }
        }
    }
}
