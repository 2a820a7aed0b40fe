package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.bascule.l4.table.ServiceAddress;
import org.junit.jupiter.api.Test;

/** R-C3: binding the VIP. */
class ListenerTest {

    @Test
    void aVipNotOnThisHostCanBeBoundThanksToFreebind() throws Exception {
        // 192.0.2.0/24 (TEST-NET-1) is on no interface here; binding sends nothing
        var vip = new InetSocketAddress(InetAddress.getByName("192.0.2.80"), 0);
        try (var f = new L4Fixture()) {
            f.start(VirtualServiceSpec.nat(vip, "rr", List.of(RealServerSpec.of(new InetSocketAddress("127.0.0.1", 9), 1))));
            var bound = ((ServiceAddress.Endpoint) f.service().address()).address();
            assertThat(bound.getAddress()).isEqualTo(vip.getAddress());
            assertThat(bound.getPort()).isPositive();
            assertThat(f.service().label()).startsWith("TCP 192.0.2.80:");
        }
    }

    @Test
    void aPortInUseIsReportedWithTheService() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); var f = new L4Fixture()) {
            var vip = (InetSocketAddress) taken.getLocalSocketAddress();
            assertThatIllegalStateException()
                    .isThrownBy(() -> f.start(VirtualServiceSpec.nat(vip, "rr", List.of(RealServerSpec.of(vip, 1)))))
                    .withMessageStartingWith("virtual_server TCP 127.0.0.1:" + vip.getPort() + ": cannot listen:")
                    .withMessageContaining("Address already in use");
        }
    }

    @Test
    void twoServicesOnOneAddressAreRefused() {
        var vip = new InetSocketAddress("127.0.0.1", 8080);
        var spec = VirtualServiceSpec.nat(vip, "rr", List.of(RealServerSpec.of(new InetSocketAddress("127.0.0.1", 9), 1)));
        try (var health = new org.bascule.health.HealthMonitor()) {
            assertThatIllegalArgumentException().isThrownBy(() -> L4Tier.start(List.of(spec, spec), L4Options.defaults(), health))
                    .withMessage("virtual_server: /127.0.0.1:8080 (expected: each service once)");
        }
    }
}
