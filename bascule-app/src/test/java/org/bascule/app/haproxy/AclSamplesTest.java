package org.bascule.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.haproxy.HaproxyConfig;
import org.bascule.config.haproxy.HaproxyParser;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.L7Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACLs on the request's other samples (url, query, base, url_param, cookies, version, the held
 * body and its form parameters, header counts, dst, dst_port, TLS and its SNI, first request of a
 * connection, frontend connections), routing and denying from one haproxy.cfg. The same
 * configuration and requests go through Bascule and through HAProxy 2.6 (Debian), and both must
 * give every request the answer the table below expects: the table is what HAProxy does.
 */
class AclSamplesTest {

    private static final Path SITE_PEM = HaproxyMappingTest.RESOURCES.resolve("site.pem").toAbsolutePath();
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final String[] BACKENDS = {"bsni", "bnosni", "btls", "bdst", "bfirst", "bparam", "bcookie", "bform", "bquery", "bbase",
        "burl", "bver", "bdefault"};

    @TempDir
    Path dir;
    private HttpServer echo;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The server behind every backend: answers with the X-Backend header the backend set. */
    @BeforeEach
    void startEcho() throws IOException {
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        echo.createContext("/", x -> {
            try (InputStream in = x.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] body = ("backend=" + x.getRequestHeaders().getFirst("X-Backend")).getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        echo.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        echo.stop(0);
    }

    /** The configuration, on {@code port} (plain, on 127.0.0.1 and 127.0.0.2) and {@code tlsPort}. */
    private String config(int port, int tlsPort) {
        StringBuilder cfg = new StringBuilder("""
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 5s
                    timeout server 5s
                frontend f
                    bind 127.0.0.1:%1$d
                    bind 127.0.0.2:%1$d
                    bind 127.0.0.1:%2$d ssl crt %3$s
                    option http-buffer-request
                    acl listed_lang url_param(lang) fr de
                    http-request deny deny_status 429 if { hdr_cnt(x-token) gt 1 }
                    http-request deny deny_status 403 if { req.body -m sub forbidden }
                    http-request deny deny_status 400 if { req.body_size gt 100 }
                    http-request deny deny_status 503 if { fe_conn gt 1 } { path /conn }
                    use_backend bsni if { ssl_fc_sni -i a.example.org }
                    use_backend bnosni if { ssl_fc } !{ ssl_fc_has_sni }
                    use_backend btls if { ssl_fc } { dst_port %2$d }
                    use_backend bdst if { dst 127.0.0.2 }
                    use_backend bfirst if { http_first_req } { path /first }
                    use_backend bparam if listed_lang
                    use_backend bcookie if { req.cook(group) beta }
                    use_backend bform if { req.body_param(user) -m str alice }
                    use_backend bquery if { query -m sub debug }
                    use_backend bbase if { base_beg static.example.org/img/ }
                    use_backend burl if { url_end .php }
                    use_backend bver if { req.ver 1.0 }
                    default_backend bdefault
                """.formatted(port, tlsPort, SITE_PEM));
        for (String b : BACKENDS) {
            cfg.append("backend ").append(b).append("\n    http-request set-header X-Backend ").append(b)
                    .append("\n    server s 127.0.0.1:").append(echo.getAddress().getPort()).append('\n');
        }
        return cfg.toString();
    }

    /** Every request the configuration routes or denies, and the answer HAProxy gives it. */
    private void expectHaproxysAnswers(int port, int tlsPort) throws Exception {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
        assertThat(plain(at, get("/x", "Host: www"))).isEqualTo("200 backend=bdefault");
        assertThat(plain(new InetSocketAddress("127.0.0.2", port), get("/x", "Host: www"))).isEqualTo("200 backend=bdst");
        assertThat(plain(at, get("/p?x=1&lang=de", "Host: www"))).isEqualTo("200 backend=bparam");
        assertThat(plain(at, get("/p?lang=fr;x=1", "Host: www"))).as("url_param ends at ';'").isEqualTo("200 backend=bparam");
        assertThat(plain(at, get("/p?lang=es", "Host: www"))).isEqualTo("200 backend=bdefault");
        assertThat(plain(at, get("/p?xlang=fr", "Host: www"))).isEqualTo("200 backend=bdefault");
        assertThat(plain(at, get("/c", "Host: www", "Cookie: a=1; group=beta"))).isEqualTo("200 backend=bcookie");
        assertThat(plain(at, get("/c", "Host: www", "Cookie: group=alpha", "Cookie: group=beta"))).as("every cookie of the name")
                .isEqualTo("200 backend=bcookie");
        assertThat(plain(at, get("/c?debug=1", "Host: www"))).isEqualTo("200 backend=bquery");
        assertThat(plain(at, get("/img/logo.png", "Host: static.example.org"))).isEqualTo("200 backend=bbase");
        assertThat(plain(at, get("/img/logo.png", "Host: www.example.org"))).isEqualTo("200 backend=bdefault");
        assertThat(plain(at, get("/index.php", "Host: www"))).isEqualTo("200 backend=burl");
        assertThat(plain(at, "GET /v HTTP/1.0\r\nHost: www\r\n\r\n")).isEqualTo("200 backend=bver");
        assertThat(plain(at, get("/t", "Host: www", "X-Token: a"))).isEqualTo("200 backend=bdefault");
        assertThat(plain(at, get("/t", "Host: www", "X-Token: a, b"))).as("hdr_cnt counts comma-separated values").startsWith("429 ");
        assertThat(plain(at, get("/t", "Host: www", "X-Token: a", "X-Token: b"))).startsWith("429 ");
        assertThat(plain(at, post("/login", "name=x&user=alice"))).isEqualTo("200 backend=bform");
        assertThat(plain(at, post("/login", "user=alicex&name=alice"))).isEqualTo("200 backend=bdefault");
        assertThat(plain(at, post("/upload", "some forbidden words"))).startsWith("403 ");
        assertThat(plain(at, post("/upload", "x".repeat(101)))).startsWith("400 ");
        assertThat(plain(at, post("/upload", "x".repeat(100)))).isEqualTo("200 backend=bdefault");
        assertThat(firstThenSecond(at)).containsExactly("200 backend=bfirst", "200 backend=bdefault");
        try (Socket idle = new Socket()) {
            idle.connect(at, 2_000);
            idle.setSoTimeout(5_000);
            // Answered, so the proxy has accepted it: it counts in fe_conn while it stays open.
            idle.getOutputStream().write(get("/x", "Host: www", "Connection: keep-alive").replace("Connection: close\r\n", "")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(idle.getInputStream())).isEqualTo("200 backend=bdefault");
            assertThat(plain(at, get("/conn", "Host: www"))).startsWith("503 ");
        }
        assertThat(tls(tlsPort, "a.example.org", get("/s", "Host: www"))).isEqualTo("200 backend=bsni");
        assertThat(tls(tlsPort, "b.example.org", get("/s", "Host: www"))).isEqualTo("200 backend=btls");
        assertThat(tls(tlsPort, null, get("/s", "Host: www"))).isEqualTo("200 backend=bnosni");
    }

    @Test
    void basculeAnswersAsHaproxyDoes() throws Exception {
        int port = freePort();
        int tlsPort = freePort();
        ParseResult<HaproxyConfig> parsed = HaproxyParser.parse("acl-samples.cfg", config(port, tlsPort));
        assertThat(parsed.errors()).isEmpty();
        L7Plan plan = HaproxyMapping.plan(parsed.config());
        assertThat(plan.notes()).extracting(Diagnostic::format).as("every ACL of the configuration is run").isEmpty();
        HealthMonitor health = new HealthMonitor();
        opened.add(health);
        opened.add(L7Proxy.start(plan.spec().orElseThrow(), health));
        expectHaproxysAnswers(port, tlsPort);
    }

    @Test
    void haproxyGivesTheSameAnswers() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), "haproxy is not installed (.ci/run installs it): the reference answers are not checked");
        int port = freePort();
        int tlsPort = freePort();
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config(port, tlsPort));
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        opened.add(() -> {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        });
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !haproxy.isAlive() || (listening("127.0.0.1", port) && listening("127.0.0.1", tlsPort)));
        assertThat(haproxy.isAlive()).as(Files.readString(dir.resolve("haproxy.log"))).isTrue();
        expectHaproxysAnswers(port, tlsPort);
    }

    private static String get(String path, String... headers) {
        StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        return r.append("Connection: close\r\n\r\n").toString();
    }

    private static String post(String path, String form) {
        return "POST " + path + " HTTP/1.1\r\nHost: www\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\nConnection: close\r\n\r\n" + form;
    }

    /** "status body" of the one response to {@code request} on a new connection. */
    private static String plain(InetSocketAddress to, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, 2_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readResponse(s.getInputStream());
        }
    }

    /** Two requests for /first on one keep-alive connection. */
    private static List<String> firstThenSecond(InetSocketAddress to) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, 2_000);
            s.setSoTimeout(5_000);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write("GET /first HTTP/1.1\r\nHost: www\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                answers.add(readResponse(s.getInputStream()));
            }
            return answers;
        }
    }

    private static String tls(int port, String sni, String request) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        // Created on an address, the socket sends no server name unless told to.
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(5_000);
            if (sni != null) {
                SSLParameters params = s.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(sni)));
                s.setSSLParameters(params);
            }
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readResponse(s.getInputStream());
        }
    }

    /** Reads one response (its head and Content-Length body): "status body". */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: '" + head + "'");
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = -1;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        // Without a length, the body ends with the connection.
        String body = new String(length < 0 ? in.readAllBytes() : in.readNBytes(length), StandardCharsets.ISO_8859_1);
        return h.substring(9, 12) + " " + body.strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
