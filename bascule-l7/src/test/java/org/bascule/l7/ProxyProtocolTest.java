package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.proxyproto.ProxyHeader;
import org.bascule.l7.proxyproto.ProxyHeaderCodec;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.ForwardFor;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxyProtocol;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.StringMatch;
import org.bascule.l7.spec.Timeouts;
import org.bascule.l7.spec.UseBackendRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-L7-4 against nginx: {@code send-proxy}/{@code send-proxy-v2} make nginx's access log
 * ({@code real_ip_header proxy_protocol}) show the real client, over IPv4 and IPv6; and
 * {@code accept-proxy} takes the client from an upstream's header.
 */
class ProxyProtocolTest {

    @TempDir
    Path dir;

    @Test
    void nginxLogsTheRealClientForV1AndV2OverIpv4AndIpv6() throws Exception {
        try (Nginx n1 = Nginx.start("pp1", dir, "127.0.0.1", true);
                Nginx n2 = Nginx.start("pp2", dir, "127.0.0.1", true);
                HealthMonitor health = new HealthMonitor()) {
            BackendSpec v1 = BackendSpec.of("v1", List.of(ServerSpec.of("n1", n1.address("127.0.0.1")).withSendProxy(ProxyProtocol.V1)));
            BackendSpec v2 = BackendSpec.of("v2", List.of(ServerSpec.of("n2", n2.address("127.0.0.1")).withSendProxy(ProxyProtocol.V2)));
            FrontendSpec fe = new FrontendSpec("www",
                    List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0)), BindSpec.plain(new InetSocketAddress("::1", 0))),
                    ProxyMode.HTTP, List.of(), List.of(), List.of(),
                    List.of(new UseBackendRule("v1", new Condition.Path(StringMatch.begin("/v1/")))), Optional.of("v2"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(v1, v2)), health)) {
                InetSocketAddress four = proxy.boundAddresses("www").get(0);
                InetSocketAddress six = proxy.boundAddresses("www").get(1);
                // 127.0.0.2 is not the proxy's own source address (127.0.0.1): only the PROXY header can tell nginx.
                assertThat(RawHttp.getFrom("127.0.0.2", four, "/v1/four").status()).isEqualTo(200);
                assertThat(RawHttp.getFrom("::1", six, "/v1/six").status()).isEqualTo(200);
                assertThat(RawHttp.getFrom("127.0.0.2", four, "/v2/four").status()).isEqualTo(200);
                assertThat(RawHttp.getFrom("::1", six, "/v2/six").status()).isEqualTo(200);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> n1.accessLog().size() == 2 && n2.accessLog().size() == 2);
            assertThat(n1.accessLog()).containsExactly("127.0.0.2 127.0.0.2 \"GET /v1/four HTTP/1.1\"", "::1 ::1 \"GET /v1/six HTTP/1.1\"");
            assertThat(n2.accessLog()).containsExactly("127.0.0.2 127.0.0.2 \"GET /v2/four HTTP/1.1\"", "::1 ::1 \"GET /v2/six HTTP/1.1\"");
        }
    }

    @Test
    void acceptProxyTakesTheClientFromTheUpstreamHeader() throws Exception {
        try (Nginx plain = Nginx.start("plain", dir, "127.0.0.1", false);
                Nginx pp = Nginx.start("pp", dir, "127.0.0.1", true);
                HealthMonitor health = new HealthMonitor()) {
            BackendSpec web = BackendSpec.of("web", List.of(ServerSpec.of("plain", plain.address("127.0.0.1"))))
                    .withForwardFor(ForwardFor.standard());
            BackendSpec chained = BackendSpec.of("chained", List.of(ServerSpec.of("pp", pp.address("127.0.0.1")).withSendProxy(ProxyProtocol.V2)));
            FrontendSpec fe = new FrontendSpec("edge",
                    List.of(new BindSpec(new InetSocketAddress("127.0.0.1", 0), false, Optional.empty(), true)),
                    ProxyMode.HTTP, List.of(), List.of(), List.of(),
                    List.of(new UseBackendRule("chained", new Condition.Path(StringMatch.begin("/chained")))), Optional.of("web"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(web, chained)), health)) {
                InetSocketAddress edge = proxy.boundAddresses("edge").getFirst();
                String get = "GET /a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
                byte[] v1 = "PROXY TCP4 203.0.113.7 192.0.2.1 40000 80\r\n".getBytes(StandardCharsets.US_ASCII);
                assertThat(RawHttp.send(edge, v1, get).body()).contains("xff=203.0.113.7 ");
                byte[] v2 = ProxyHeaderCodec.encodeV2(new ProxyHeader.Proxied(new InetSocketAddress("2001:db8::7", 40000),
                        new InetSocketAddress("2001:db8::1", 80)));
                assertThat(RawHttp.send(edge, v2, get).body()).contains("xff=2001:db8::7 ");
                RawHttp.send(edge, v1, "GET /chained HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pp.accessLog().size() == 1);
                assertThat(pp.accessLog().getFirst()).startsWith("203.0.113.7 203.0.113.7 ");
                // No header from an upstream that should send one: the connection is refused, and counted.
                assertThatThrownBy(() -> RawHttp.send(edge, new byte[0], get)).hasMessageContaining("no complete response head");
                FrontendRuntime rt = proxy.frontendRuntimes().iterator().next();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> rt.badProxyHeaders.sum() == 1);
            }
        }
    }
}
