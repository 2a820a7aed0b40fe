package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.bascule.l4.table.Persistence;
import org.bascule.sched.ClientGranularity;
import org.bascule.sched.PersistenceSettings;
import org.junit.jupiter.api.Test;

/** R-S6 through the proxy: persistence_timeout keeps a client on its server across connections, then expires. */
class PersistenceThroughProxyTest {

    static VirtualServiceSpec rrPersistent(L4Fixture f, PersistenceSettings p) throws Exception {
        EchoServer a = f.server("A");
        EchoServer b = f.server("B");
        return VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(
                RealServerSpec.of(a.address(), 1), RealServerSpec.of(b.address(), 1))).withPersistence(Optional.of(p));
    }

    @Test
    void aClientKeepsItsServerAcrossReconnectionsUntilTheTemplateExpires() throws Exception {
        try (var f = new L4Fixture()) {
            f.start(rrPersistent(f, PersistenceSettings.of(Duration.ofSeconds(1))));
            String first = SourceClient.exchange(f.vip(), "127.0.4.5");
            String second = SourceClient.exchange(f.vip(), "127.0.4.6");
            assertThat(second).isNotEqualTo(first); // rr
            for (int i = 0; i < 5; i++) {
                assertThat(SourceClient.exchange(f.vip(), "127.0.4.5")).isEqualTo(first);
                assertThat(SourceClient.exchange(f.vip(), "127.0.4.6")).isEqualTo(second);
            }
            assertThat(f.service().view().persistence()).contains(new Persistence(1, "255.255.255.255"));

            // all closed; one second after the last use the templates expire
            Awaitility.await().pollDelay(Duration.ofMillis(1300)).atMost(L4Fixture.WAIT).until(() -> true);
            assertThat(SourceClient.exchange(f.vip(), "127.0.4.7")).isEqualTo(first);  // rr goes on from where it was
            assertThat(SourceClient.exchange(f.vip(), "127.0.4.5")).isEqualTo(second); // scheduled anew
        }
    }

    @Test
    void anOpenConnectionKeepsTheTemplateAlive() throws Exception {
        try (var f = new L4Fixture()) {
            f.start(rrPersistent(f, PersistenceSettings.of(Duration.ofSeconds(1))));
            try (var held = new SourceClient(f.vip(), "127.0.4.8")) {
                String home = held.server();
                Awaitility.await().pollDelay(Duration.ofMillis(1300)).atMost(L4Fixture.WAIT).until(() -> true);
                assertThat(SourceClient.exchange(f.vip(), "127.0.4.9")).isNotEqualTo(home);
                // its template was re-armed (IPVS: 60 s while it controls a connection)
                assertThat(SourceClient.exchange(f.vip(), "127.0.4.8")).isEqualTo(home);
                assertThat(held.request("still here")).isEqualTo("still here");
            }
        }
    }

    @Test
    void granularityKeepsANetworkTogether() throws Exception {
        try (var f = new L4Fixture()) {
            f.start(rrPersistent(f, PersistenceSettings.of(Duration.ofSeconds(30))
                    .withGranularity(ClientGranularity.parse("255.255.255.0"))));
            String home = SourceClient.exchange(f.vip(), "127.0.5.1");
            for (int host = 2; host < 12; host++) {
                assertThat(SourceClient.exchange(f.vip(), "127.0.5." + host)).isEqualTo(home);
            }
            assertThat(SourceClient.exchange(f.vip(), "127.0.6.1")).isNotEqualTo(home);
            assertThat(f.service().view().persistence()).contains(new Persistence(30, "255.255.255.0"));
        }
    }
}
