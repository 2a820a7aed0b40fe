package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.IntOp;
import org.bascule.l7.spec.MonitorSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers' {@code check} through bascule-health (TCP) with {@code inter}/{@code fall}, the
 * {@code monitor-uri} verdict that follows {@code nbsrv}, and the runtime API on the stats socket
 * compared with a real HAProxy 2.6's.
 */
class HealthAndRuntimeApiTest {

    @TempDir
    Path dir;

    static String ask(Path socket, String command) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (c.read(buf) >= 0) {
                if (!buf.hasRemaining()) {
                    break;
                }
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void checksTakeDeadServersOutAndMonitorUriSays503WhenNoneIsLeft() throws Exception {
        try (Nginx a = Nginx.start("a", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            int closedPort = Nginx.freePort("127.0.0.1");
            Duration inter = Duration.ofMillis(200);
            BackendSpec web = BackendSpec.of("web", List.of(
                    ServerSpec.of("a", a.address("127.0.0.1")).withCheck(inter, 2, 2),
                    ServerSpec.of("gone", new InetSocketAddress("127.0.0.1", closedPort)).withCheck(inter, 2, 2)));
            FrontendSpec fe = new FrontendSpec("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("web"),
                    Optional.of(new MonitorSpec("/healthcheck", List.of(new Condition.UsableServers("web", IntOp.LT, 1)))),
                    Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
            Path sock = dir.resolve("stats.sock");
            GlobalSpec global = new GlobalSpec(1000, List.of(sock), 16384, 101, 2);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(global, List.of(fe), List.of(web)), health)) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !proxy.server("web", "gone").healthy());
                for (int i = 0; i < 6; i++) {
                    assertThat(RawHttp.get(at, "t", "/").body()).startsWith("a ");
                }
                assertThat(RawHttp.get(at, "t", "/healthcheck").status()).isEqualTo(200);
                String stat = ask(sock, "show stat");
                assertThat(stat).contains("\nweb,gone,").contains(",DOWN,").contains("L4CON");
                assertThat(stat.lines().filter(l -> l.startsWith("web,a,")).findFirst().orElseThrow()).contains(",UP,");

                a.kill();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !proxy.server("web", "a").healthy());
                assertThat(RawHttp.get(at, "t", "/healthcheck").status()).isEqualTo(503);
                assertThat(RawHttp.get(at, "t", "/").status()).isEqualTo(503);
            }
        }
    }

    @Test
    void runtimeApiChangesServersAsHaproxyDoes() throws Exception {
        try (Nginx a = Nginx.start("a", dir, "127.0.0.1", false);
                Nginx b = Nginx.start("b", dir, "127.0.0.1", false);
                HealthMonitor health = new HealthMonitor()) {
            BackendSpec web = BackendSpec.of("web", List.of(ServerSpec.of("a", a.address("127.0.0.1")),
                    ServerSpec.of("b", b.address("127.0.0.1")).withWeight(3)));
            FrontendSpec fe = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "web");
            Path sock = dir.resolve("stats.sock");
            GlobalSpec global = new GlobalSpec(1000, List.of(sock), 16384, 101, 2);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(global, List.of(fe), List.of(web)), health)) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                assertThat(ask(sock, "set server web/a state drain")).isEqualTo("\n");
                for (int i = 0; i < 4; i++) {
                    assertThat(RawHttp.get(at, "t", "/").body()).startsWith("b ");
                }
                assertThat(ask(sock, "show stat")).contains("\nweb,a,").contains(",DRAIN,");
                assertThat(ask(sock, "set server web/a state ready; set server web/b weight 0")).isEqualTo("\n\n");
                assertThat(RawHttp.get(at, "t", "/").body()).startsWith("a ");
                assertThat(ask(sock, "disable server web/a")).isEqualTo("\n");
                assertThat(RawHttp.get(at, "t", "/").status()).isEqualTo(503);
                assertThat(ask(sock, "enable server web/a")).isEqualTo("\n");
                assertThat(ask(sock, "set server web/zz weight 3")).isEqualTo("No such server.\n\n");
                assertThat(ask(sock, "set server web/a weight 300")).isEqualTo("Absolute weight can only be between 0 and 256 inclusive.\n\n");
                assertThat(ask(sock, "set server web/a state foo")).isEqualTo("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n");
                String state = ask(sock, "show servers state");
                assertThat(state.lines().toList().get(2)).startsWith("2 web 1 a 127.0.0.1 2 0 1 1 ");
                assertThat(state.lines().toList().get(3)).startsWith("2 web 2 b 127.0.0.1 2 0 0 3 ");
                String header = ask(sock, "show stat").lines().findFirst().orElseThrow();
                haproxyStatHeader().ifPresent(h -> assertThat(header).isEqualTo(h));
            }
        }
    }

    /** The first line of {@code show stat} from the real HAProxy, when installed. */
    private Optional<String> haproxyStatHeader() throws Exception {
        RealHaproxy.assumeInstalled("cannot compare the CSV header");
        Path sock = dir.resolve("haproxy.sock");
        int port = Nginx.freePort("127.0.0.1");
        try (RealHaproxy h = RealHaproxy.start(dir, "haproxy", """
                global
                  stats socket %s level admin
                %s
                listen www
                  bind 127.0.0.1:%d
                  server s1 127.0.0.1:9
                """.formatted(sock, RealHaproxy.HTTP_DEFAULTS, port))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(sock));
            return Optional.of(ask(sock, "show stat").lines().findFirst().orElseThrow());
        }
    }
}
