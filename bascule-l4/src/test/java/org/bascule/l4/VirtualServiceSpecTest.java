package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;
import org.junit.jupiter.api.Test;

/** What the NAT tier refuses, and how it says so. */
class VirtualServiceSpecTest {

    private static final InetSocketAddress VIP = new InetSocketAddress("127.0.0.1", 8080);
    private static final RealServerSpec RS = RealServerSpec.of(new InetSocketAddress("127.0.0.1", 9000), 1);

    @Test
    void unknownScheduler() {
        assertThatIllegalArgumentException().isThrownBy(() -> VirtualServiceSpec.nat(VIP, "xyz", List.of(RS)))
                .withMessage("scheduler: 'xyz' (expected: rr, wrr, lc, wlc, sed, nq, twos, random, sh, dh, mh, fo, p2c)");
    }

    @Test
    void onlyNatOverTcpAndUdp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VirtualServiceSpec(
                        new ServiceAddress.Endpoint(L4Protocol.TCP, VIP), "rr", ForwardingMethod.ROUTE, List.of(RS), Optional.empty()))
                .withMessage("lb_kind: Route (expected: NAT; DR and TUN need the packet engine)");
        assertThatIllegalArgumentException().isThrownBy(() -> new VirtualServiceSpec(
                        new ServiceAddress.Endpoint(L4Protocol.SCTP, VIP), "rr", ForwardingMethod.MASQ, List.of(RS), Optional.empty()))
                .withMessage("protocol: SCTP (expected: TCP or UDP; the NAT proxy has no SCTP)");
        assertThat(new VirtualServiceSpec(new ServiceAddress.Endpoint(L4Protocol.UDP, VIP), "rr", ForwardingMethod.MASQ,
                List.of(RS), Optional.empty()).vip()).isEqualTo(VIP);
        assertThatIllegalArgumentException().isThrownBy(() -> new VirtualServiceSpec(
                        new ServiceAddress.Fwmark(7), "rr", ForwardingMethod.MASQ, List.of(RS), Optional.empty()))
                .withMessageStartingWith("virtual_server: Fwmark[mark=7] (expected: IP PORT;");
    }

    @Test
    void eachRealServerOnceAndWeightsInRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> VirtualServiceSpec.nat(VIP, "rr", List.of(RS, RS)))
                .withMessage("real_server: /127.0.0.1:9000 (expected: each server once per service)");
        assertThatIllegalArgumentException().isThrownBy(() -> RealServerSpec.of(new InetSocketAddress("127.0.0.1", 9000), -1))
                .withMessage("weight: -1 (expected: 0-65535)");
        assertThatIllegalArgumentException().isThrownBy(() -> RealServerSpec.of(new InetSocketAddress("127.0.0.1", 0), 1))
                .withMessage("real_server port: 0 (expected: 1-65535)");
    }
}
