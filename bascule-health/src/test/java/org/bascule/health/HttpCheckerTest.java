package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bascule.health.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP_GET and SSL_GET against real servers on 127.0.0.1 whose answers the test changes. */
class HttpCheckerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void anyTwoHundredPassesByDefaultAndAFiveHundredFails() throws IOException {
        try (var web = LoopbackWebServer.http()) {
            web.page("/health", 200, "ok\n");
            assertThat(check(web, UrlSpec.of("/health")).status()).isEqualTo(CheckStatus.L7OK);
            web.page("/health", 204, "");
            assertThat(check(web, UrlSpec.of("/health")).status()).isEqualTo(CheckStatus.L7OK);
            web.page("/health", 503, "maintenance\n");
            CheckResult r = check(web, UrlSpec.of("/health"));
            assertThat(r.status()).isEqualTo(CheckStatus.L7STS);
            assertThat(r.detail()).isEqualTo("/health: HTTP status 503 Service Unavailable (expected: 200-299)");
        }
    }

    @Test
    void statusCodeListsAndRangesAsKeepalivedTwoTwoReadsThem() throws IOException {
        var codes = StatusCodes.parse(List.of("200", "301-302", "503"));
        try (var web = LoopbackWebServer.http()) {
            for (int status : new int[] {200, 301, 302, 503}) {
                web.page("/", status, "x");
                assertThat(check(web, new UrlSpec("/", Optional.empty(), codes, Optional.empty())).passed())
                        .as("status %d", status).isTrue();
            }
            for (int status : new int[] {204, 303, 500}) {
                web.page("/", status, "x");
                assertThat(check(web, new UrlSpec("/", Optional.empty(), codes, Optional.empty())).status())
                        .as("status %d", status).isEqualTo(CheckStatus.L7STS);
            }
        }
    }

    @Test
    void everyUrlMustPass() throws IOException {
        try (var web = LoopbackWebServer.http()) {
            web.page("/a", 200, "a");
            web.page("/b", 200, "b");
            List<UrlSpec> urls = List.of(UrlSpec.of("/a"), UrlSpec.of("/b"));
            CheckResult ok = check(web, urls, false);
            assertThat(ok.status()).isEqualTo(CheckStatus.L7OK);
            assertThat(ok.detail()).isEqualTo("2 urls passed");
            web.page("/b", 500, "broken");
            CheckResult r = check(web, urls, false);
            assertThat(r.status()).isEqualTo(CheckStatus.L7STS);
            assertThat(r.detail()).startsWith("/b: HTTP status 500");
            assertThat(web.requests).extracting(LoopbackWebServer.Seen::path).containsExactly("/a", "/b", "/a", "/b");
        }
    }

    @Test
    void digestIsTheMd5OfTheBody() throws Exception {
        try (var web = LoopbackWebServer.http()) {
            web.page("/index.html", 200, "<h1>hello</h1>\n");
            String md5 = md5("<h1>hello</h1>\n");
            var url = new UrlSpec("/index.html", Optional.of(md5.toUpperCase()), StatusCodes.DEFAULT, Optional.empty());
            assertThat(check(web, url).status()).isEqualTo(CheckStatus.L7OK);
            web.page("/index.html", 200, "<h1>defaced</h1>\n");
            CheckResult r = check(web, url);
            assertThat(r.status()).isEqualTo(CheckStatus.L7RSP);
            assertThat(r.detail()).isEqualTo("/index.html: MD5 digest " + md5("<h1>defaced</h1>\n") + " of 17 bytes (expected: "
                    + md5 + ")");
        }
    }

    @Test
    void virtualhostSetsHostElseTheAddressCheckedAsKeepalivedDoes() throws IOException {
        try (var web = LoopbackWebServer.http()) {
            web.page("/", 200, "x");
            check(web, new UrlSpec("/", Optional.empty(), StatusCodes.DEFAULT, Optional.of("supervision.fr.local")));
            check(web, UrlSpec.of("/"));
            assertThat(web.requests).extracting(LoopbackWebServer.Seen::host)
                    .containsExactly("supervision.fr.local", "127.0.0.1:" + web.address().getPort());
            assertThat(web.requests).extracting(LoopbackWebServer.Seen::userAgent).containsOnly("KeepAliveClient");
        }
    }

    @Test
    void httpProtocolOneOneAsksTheServerToClose() throws IOException {
        try (var web = LoopbackWebServer.http()) {
            web.page("/", 200, "x");
            var spec = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofSeconds(2), timing(), false, false,
                    HttpVersion.HTTP_1_1, List.of(UrlSpec.of("/")));
            assertThat(new HttpChecker(spec).check().status()).isEqualTo(CheckStatus.L7OK);
            assertThat(web.requests.getFirst().connection()).isEqualTo("close");
        }
    }

    @Test
    void bindtoChoosesTheSourceAddress() throws IOException {
        try (var web = LoopbackWebServer.http()) {
            web.page("/", 200, "x");
            var source = new InetSocketAddress(InetAddress.getByName("127.0.0.9"), 0);
            var spec = new HttpCheckSpec(web.address(), Optional.of(source), Duration.ofSeconds(2), timing(), false, false,
                    HttpVersion.HTTP_1_0, List.of(UrlSpec.of("/")));
            assertThat(new HttpChecker(spec).check().status()).isEqualTo(CheckStatus.L7OK);
            assertThat(web.requests.getFirst().from().getHostAddress()).isEqualTo("127.0.0.9");
        }
    }

    @Test
    void connectIpAndPortChooseWhereToConnect() throws IOException {
        try (var web = LoopbackWebServer.http(); ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
            web.page("/", 200, "x");
            int deadPort = closed.getLocalPort();
            closed.close();
            // the real server's port is dead, but connect_port points at the web server
            var spec = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofSeconds(2), timing(), false, false,
                    HttpVersion.HTTP_1_0, List.of(UrlSpec.of("/")));
            assertThat(new HttpChecker(spec).check().status()).isEqualTo(CheckStatus.L7OK);
            var dead = new HttpCheckSpec(new InetSocketAddress(LOOPBACK, deadPort), Optional.empty(), Duration.ofSeconds(2),
                    timing(), false, false, HttpVersion.HTTP_1_0, List.of(UrlSpec.of("/")));
            CheckResult r = new HttpChecker(dead).check();
            assertThat(r.status()).isEqualTo(CheckStatus.L4CON);
            assertThat(r.detail()).startsWith("/: Connection refused");
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 5, LOOPBACK)) {
            var spec = new HttpCheckSpec(new InetSocketAddress(LOOPBACK, mute.getLocalPort()), Optional.empty(),
                    Duration.ofMillis(300), timing(), false, false, HttpVersion.HTTP_1_0, List.of(UrlSpec.of("/")));
            CheckResult r = new HttpChecker(spec).check();
            assertThat(r.status()).isEqualTo(CheckStatus.L7TOUT);
            assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void anotherProtocolAnsweringIsAnInvalidResponse() throws Exception {
        CheckResult r = rawServer("SSH-2.0-OpenSSH_9.2\r\n");
        assertThat(r.status()).isEqualTo(CheckStatus.L7RSP);
        assertThat(r.detail()).isEqualTo("/: NOT_HTTP: response starts with 'SSH-2.0-OpenSSH_9.2\\x0d\\x0a'");
        assertThat(rawServer("").detail()).isEqualTo("/: no data received");
    }

    @Test
    void contentLengthLimitsWhatIsHashed() throws Exception {
        // keepalived hashes Content-Length bytes; whatever the server sends after is not the body
        String digest = md5("abc");
        CheckResult r = rawServer("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabcTRAILING", digest);
        assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        // without Content-Length the body runs to the end of the connection; bare LF line ends are read too
        assertThat(rawServer("HTTP/1.0 200\nServer: x\n\nabc", digest).status()).isEqualTo(CheckStatus.L7OK);
    }

    @Test
    void sslGetWithSniAgainstASelfSignedServer() throws Exception {
        try (var web = LoopbackWebServer.https(dir)) {
            web.page("/", 200, "secure\n");
            var vhost = new UrlSpec("/", Optional.of(md5("secure\n")), StatusCodes.DEFAULT, Optional.of("www.example.test"));
            var withSni = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofSeconds(5), timing(), true, true,
                    HttpVersion.HTTP_1_0, List.of(vhost));
            CheckResult r = new HttpChecker(withSni).check();
            assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.L7OK);
            var noSni = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofSeconds(5), timing(), true, false,
                    HttpVersion.HTTP_1_0, List.of(vhost));
            assertThat(new HttpChecker(noSni).check().status()).isEqualTo(CheckStatus.L7OK);
            assertThat(web.sni()).containsExactly("www.example.test", "");
            assertThat(web.requests).extracting(LoopbackWebServer.Seen::host).containsOnly("www.example.test");
            // plain HTTP to a TLS port: the server's TLS alert or silence is not HTTP
            var plain = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofMillis(500), timing(), false, false,
                    HttpVersion.HTTP_1_0, List.of(UrlSpec.of("/")));
            assertThat(new HttpChecker(plain).check().passed()).isFalse();
        }
    }

    @Test
    void sslGetToAPlainHttpServerFailsTheHandshake() throws IOException {
        try (var web = LoopbackWebServer.http()) {
            web.page("/", 200, "x");
            var spec = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofSeconds(2), timing(), true, false,
                    HttpVersion.HTTP_1_0, List.of(UrlSpec.of("/")));
            CheckResult r = new HttpChecker(spec).check();
            assertThat(r.status()).as(r.toString()).isIn(CheckStatus.L6RSP, CheckStatus.L6TOUT);
        }
    }

    // ---- helpers

    private static CheckTiming timing() {
        return new CheckTiming(Duration.ofSeconds(5), 1, Duration.ofSeconds(3), false);
    }

    private static CheckResult check(LoopbackWebServer web, UrlSpec url) {
        return check(web, List.of(url), false);
    }

    private static CheckResult check(LoopbackWebServer web, List<UrlSpec> urls, boolean tls) {
        var spec = new HttpCheckSpec(web.address(), Optional.empty(), Duration.ofSeconds(2), timing(), tls, false,
                HttpVersion.HTTP_1_0, urls);
        return Checker.forSpec(spec).check();
    }

    @Test
    void bodyExpectationsSeeTheDecodedBodyWhateverTheStatus() throws Exception {
        var chunked = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ndb=\r\n7\r\nok q=12\r\n0\r\n\r\n";
        var any = new StatusCodes(List.of(new StatusCodes.Range(100, 599)));
        assertThat(rawServer(chunked, any, new BodyExpect.Matches(java.util.regex.Pattern.compile("^db=ok q=\\d+$"), false)).status())
                .isEqualTo(CheckStatus.L7OK);
        CheckResult missing = rawServer(chunked, any, new BodyExpect.Contains("db=down", false));
        assertThat(missing.status()).isEqualTo(CheckStatus.L7RSP);
        assertThat(missing.detail()).isEqualTo("/: body does not match (expected: string 'db=down')");
        var sized = "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nfineERROR";
        assertThat(rawServer(sized, any, new BodyExpect.Contains("ERROR", true)).status()).isEqualTo(CheckStatus.L7OK);
    }

    private static CheckResult rawServer(String response, StatusCodes codes, BodyExpect body) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException ignored) {
                    // the check saw what it saw
                }
            });
            var url = new UrlSpec("/", Optional.empty(), codes, Optional.empty(), "GET", Optional.of(body));
            var spec = new HttpCheckSpec(new InetSocketAddress(LOOPBACK, server.getLocalPort()), Optional.empty(),
                    Duration.ofSeconds(2), timing(), false, false, HttpVersion.HTTP_1_0, List.of(url));
            CheckResult r = new HttpChecker(spec).check();
            t.join(Duration.ofSeconds(5));
            return r;
        }
    }

    /** A one-shot server that answers any request with {@code response} and closes. */
    private static CheckResult rawServer(String response, String... digest) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    OutputStream out = s.getOutputStream();
                    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException ignored) {
                    // the check saw what it saw
                }
            });
            var url = new UrlSpec("/", digest.length == 0 ? Optional.empty() : Optional.of(digest[0]), StatusCodes.DEFAULT,
                    Optional.empty());
            var spec = new HttpCheckSpec(new InetSocketAddress(LOOPBACK, server.getLocalPort()), Optional.empty(),
                    Duration.ofSeconds(2), timing(), false, false, HttpVersion.HTTP_1_0, List.of(url));
            CheckResult r = new HttpChecker(spec).check();
            t.join(Duration.ofSeconds(5));
            return r;
        }
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
