package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A UDP virtual server in NAT mode (DNS behind a VIP): dig queries through the VIP reach two
 * dnsmasq servers in turn, replies come back from the VIP, flows are listed as IPVS lists UDP
 * entries and expire after the udp timeout, and a server failing its check stops getting
 * queries without any query failing.
 */
class UdpServiceTest {

    @BeforeAll
    static void peers() {
        DnsPeers.assumeInstalled();
    }

    private static VirtualServiceSpec dns(RealServerSpec... servers) {
        return new VirtualServiceSpec(new ServiceAddress.Endpoint(L4Protocol.UDP, L4Fixture.ANY_LOOPBACK_PORT), "rr",
                ForwardingMethod.MASQ, List.of(servers), Optional.empty());
    }

    @Test
    void queriesAreBalancedRepliedFromTheVipAndFlowsExpire() throws Exception {
        try (var f = new L4Fixture(); var dns = new DnsPeers()) {
            InetSocketAddress r1 = dns.server("10.77.0.1");
            InetSocketAddress r2 = dns.server("10.77.0.2");
            // TCP_CHECK on dnsmasq's TCP side of the same port, as keepalived users check DNS servers
            L4Tier tier = f.start(dns(new RealServerSpec(r1, 1, false, List.of(L4Fixture.tcpCheck(r1, 200, false))),
                    new RealServerSpec(r2, 1, false, List.of(L4Fixture.tcpCheck(r2, 200, false)))));
            InetSocketAddress vip = f.vip();
            assertThat(tier.snapshot().services().getFirst().address()).isEqualTo(new ServiceAddress.Endpoint(L4Protocol.UDP, vip));

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(DnsPeers.dig(vip)); // dig checks the reply came from the address it asked
            }
            assertThat(answers).containsOnly("10.77.0.1", "10.77.0.2");
            assertThat(answers).filteredOn("10.77.0.1"::equals).hasSize(5);

            ServiceView view = tier.snapshot().services().getFirst();
            assertThat(view.destinations()).extracting(DestinationView::activeConns).containsOnly(0L);
            assertThat(view.destinations()).extracting(DestinationView::inactiveConns).containsOnly(5L);
            assertThat(view.counters().conns()).isEqualTo(10);
            assertThat(view.counters().inPackets()).isEqualTo(10);
            assertThat(view.counters().outPackets()).isEqualTo(10);
            List<ConnectionView> flows = tier.connections();
            assertThat(flows).hasSize(10).allSatisfy(c -> {
                assertThat(c.protocol()).isEqualTo(L4Protocol.UDP);
                assertThat(c.state()).isEqualTo("UDP");
                assertThat(c.virtual()).isEqualTo(vip);
                assertThat(c.destination()).isIn(r1, r2);
                assertThat(c.expiresInSeconds()).isBetween(290L, 300L);
            });

            tier.setTimeouts(new IpvsTimeouts(0, 0, 1));
            await().atMost(L4Fixture.WAIT).until(() -> tier.connections().isEmpty());
            assertThat(tier.snapshot().services().getFirst().destinations())
                    .extracting(DestinationView::inactiveConns).containsOnly(0L);
        }
    }

    @Test
    void aServerFailingItsCheckGetsNoMoreQueries() throws Exception {
        try (var f = new L4Fixture(); var dns = new DnsPeers()) {
            InetSocketAddress r1 = dns.server("10.77.0.1");
            InetSocketAddress r2 = dns.server("10.77.0.2");
            L4Tier tier = f.start(dns(new RealServerSpec(r1, 1, false, List.of(L4Fixture.tcpCheck(r1, 200, false))),
                    new RealServerSpec(r2, 1, false, List.of(L4Fixture.tcpCheck(r2, 200, false)))));
            InetSocketAddress vip = f.vip();
            assertThat(DnsPeers.dig(vip)).isIn("10.77.0.1", "10.77.0.2");

            dns.stop(0);
            await().atMost(L4Fixture.WAIT).until(() -> tier.snapshot().services().getFirst().destinations().size() == 1);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(DnsPeers.dig(vip));
            }
            assertThat(answers).containsOnly("10.77.0.2");
        }
    }
}
