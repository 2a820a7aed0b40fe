package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerPool;
import org.bascule.l7.spec.ServerSpec;
import org.junit.jupiter.api.Test;

/**
 * The idle pool of a server sized as HAProxy sizes it: first requests ({@code http-reuse safe}
 * gives each its own connection) leave at most one idle connection per event loop behind, not
 * one per client; a burst's idle connections are purged by halves every
 * {@code pool-purge-delay}; and the proxy drops every one of them with a reset, so that no
 * TIME_WAIT is left on its side. Real sockets to {@link ScriptedServer}.
 */
class IdlePoolTest {

    @Test
    void firstRequestsLeaveAtMostOneIdleConnectionPerLoopTheRestAreReset() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); HealthMonitor h = new HealthMonitor();
                L7Proxy p = start(ServerSpec.of("s1", server.address()), h)) {
            server.on("/len", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false);
            InetSocketAddress at = p.boundAddresses("www").getFirst();
            int clients = 40;
            for (int i = 0; i < clients; i++) {
                assertThat(RawHttp.exchange(at, "GET /len HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).endsWith("\r\n\r\nok");
            }
            LiveServer s1 = p.backend("web").orElseThrow().servers().getFirst();
            int loops = Runtime.getRuntime().availableProcessors(); // GlobalSpec.defaults(): one event loop per core
            assertThat(server.connections.get()).isEqualTo(clients);
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(server.closedByPeer.get()).isEqualTo(clients - s1.idleCount()));
            assertThat(s1.idleCount()).isBetween(1, loops);
            assertThat(server.resetByPeer.get()).as("dropped with a RST, not a FIN").isEqualTo(server.closedByPeer.get());
        }
    }

    @Test
    void aBurstsIdleConnectionsArePurgedByHalvesOncePastTheNeed() throws Exception {
        ServerPool quick = new ServerPool(-1, Duration.ofMillis(150), 0);
        try (ScriptedServer server = new ScriptedServer(); HealthMonitor h = new HealthMonitor();
                L7Proxy p = start(ServerSpec.of("s1", server.address()).withPool(quick), h);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            server.onSlowly("/slow", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 400);
            InetSocketAddress at = p.boundAddresses("www").getFirst();
            int burst = 8;
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                replies.add(pool.submit(() -> RawHttp.exchange(at, "GET /slow HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")));
            }
            for (Future<String> r : replies) {
                assertThat(r.get()).endsWith("\r\n\r\nok");
            }
            LiveServer s1 = p.backend("web").orElseThrow().servers().getFirst();
            // All eight were in use at once, so all eight are worth keeping at first...
            assertThat(s1.idleCount()).isGreaterThan(burst / 2);
            // ...then, with nothing in use, the estimate decays and the purges close them all.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s1.idleCount() == 0);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.closedByPeer.get() == burst);
            assertThat(server.resetByPeer.get()).isEqualTo(burst);
        }
    }

    @Test
    void aPooledConnectionTheServerClosesLeavesThePool() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); HealthMonitor h = new HealthMonitor();
                L7Proxy p = start(ServerSpec.of("s1", server.address()), h)) {
            server.onThenCloseLater("/len", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 500);
            InetSocketAddress at = p.boundAddresses("www").getFirst();
            assertThat(RawHttp.exchange(at, "GET /len HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).endsWith("\r\n\r\nok");
            LiveServer s1 = p.backend("web").orElseThrow().servers().getFirst();
            assertThat(s1.idleCount()).as("pooled after its response").isEqualTo(1);
            // the server's keep-alive timeout closes it half a second later
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> s1.idleCount() == 0);
            assertThat(server.closedByPeer.get()).as("closed by the server, not the proxy").isZero();
        }
    }

    @Test
    void poolMaxConnZeroKeepsNoIdleConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); HealthMonitor h = new HealthMonitor();
                L7Proxy p = start(ServerSpec.of("s1", server.address()).withPool(new ServerPool(0, Duration.ofSeconds(5), 0)), h)) {
            server.on("/len", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false);
            InetSocketAddress at = p.boundAddresses("www").getFirst();
            String two = RawHttp.exchange(at, "GET /len HTTP/1.1\r\nHost: t\r\n\r\nGET /len HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertThat(two).endsWith("\r\n\r\nok").contains("ok" + "HTTP/1.1 200 OK");
            assertThat(server.connections.get()).as("one connection per request").isEqualTo(2);
            assertThat(p.backend("web").orElseThrow().servers().getFirst().idleCount()).isZero();
        }
    }

    private static L7Proxy start(ServerSpec server, HealthMonitor h) throws Exception {
        BackendSpec web = BackendSpec.of("web", List.of(server));
        FrontendSpec front = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "web");
        return L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(front), List.of(web)), h);
    }

}
