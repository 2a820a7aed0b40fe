package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.IntOp;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.StickTableSpec;
import org.bascule.l7.spec.Timeouts;
import org.bascule.l7.spec.TlsBind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-L7-5: TLS termination with SNI over TLS 1.2 and 1.3, HTTP/2 by ALPN (curl), per-source request-rate limiting. */
class TlsAndRateLimitTest {

    @TempDir
    Path dir;

    private Path certificate(String name) throws Exception {
        return SelfSigned.make(dir, name, "DNS:" + name).pem();
    }

    private static String peerName(InetSocketAddress at, String sni, String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(at.getAddress(), at.getPort())) {
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(sni)));
            params.setProtocols(new String[] {protocol});
            s.setSSLParameters(params);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    @Test
    void sniChoosesTheCertificateAndAlpnOffersHttp2() throws Exception {
        Path a = certificate("a.example.org");
        Path b = certificate("b.example.org");
        try (Nginx web = Nginx.start("web", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            BackendSpec bk = BackendSpec.of("web", List.of(ServerSpec.of("n", web.address("127.0.0.1"))));
            BindSpec tls = new BindSpec(new InetSocketAddress("127.0.0.1", 0), false,
                    Optional.of(TlsBind.of(List.of(a, b), List.of("h2", "http/1.1"))), false);
            FrontendSpec fe = FrontendSpec.of("https", List.of(tls), "web");
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
                InetSocketAddress at = proxy.boundAddresses("https").getFirst();
                assertThat(peerName(at, "a.example.org", "TLSv1.3")).isEqualTo("CN=a.example.org");
                assertThat(peerName(at, "b.example.org", "TLSv1.3")).isEqualTo("CN=b.example.org");
                assertThat(peerName(at, "b.example.org", "TLSv1.2")).isEqualTo("CN=b.example.org");
                assertThat(peerName(at, "unknown.example.org", "TLSv1.2")).as("the first crt is the default").isEqualTo("CN=a.example.org");
                Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed: HTTP/2 not checked");
                for (String version : new String[] {"--http2", "--http1.1"}) {
                    Process curl = new ProcessBuilder("curl", "-sk", version, "-o", "-", "-w", "\n%{http_version}",
                            "--resolve", "b.example.org:" + at.getPort() + ":127.0.0.1",
                            "https://b.example.org:" + at.getPort() + "/h2?x=1").redirectErrorStream(true).start();
                    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(out).startsWith("web ").contains("path=/h2?x=1");
                    assertThat(out).endsWith(version.equals("--http2") ? "\n2" : "\n1.1");
                }
            }
        }
    }

    @Test
    void requestRateAboveTheLimitIsDenied() throws Exception {
        try (Nginx web = Nginx.start("web", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            BackendSpec bk = BackendSpec.of("web", List.of(ServerSpec.of("n", web.address("127.0.0.1"))));
            // stick-table type ip size 100k expire 30s store http_req_rate(10s)
            // http-request track-sc0 src
            // http-request deny deny_status 429 if { sc_http_req_rate(0) gt 5 }
            FrontendSpec fe = new FrontendSpec("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                    List.of(), List.of(new HttpRequestRule.TrackSource(0, Optional.empty(), Condition.TRUE),
                            new HttpRequestRule.Deny(429, new Condition.TrackedRequestRate(0, IntOp.GT, 5))),
                    List.of(), List.of(), Optional.of("web"), Optional.empty(), Optional.empty(),
                    Optional.of(new StickTableSpec(100_000, Duration.ofSeconds(30), Duration.ofSeconds(10))), Optional.empty(),
                    Timeouts.typical(), 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                List<Integer> fromOne = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    fromOne.add(RawHttp.getFrom("127.0.0.2", at, "/").status());
                }
                assertThat(fromOne).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
                assertThat(RawHttp.getFrom("127.0.0.3", at, "/").status()).as("another source has its own rate").isEqualTo(200);
            }
        }
    }

}
