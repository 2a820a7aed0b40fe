package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.nio.file.Path;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.Balance;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.TlsBind;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies larger than the proxy buffers, or chunked, stream through it: the JDK's HTTP
 * client uploads to the JDK's HTTP server ({@code com.sun.net.httpserver}, which decodes chunks and
 * answers {@code Expect: 100-continue} itself), which answers with the length and CRC-32 of what it
 * received. 40 MiB is past the 16 MiB the proxy once buffered at most; over HTTP/2 too.
 */
class StreamedBodyTest {

    static HttpServer server;
    static HealthMonitor health;
    static L7Proxy proxy;
    static URI base;
    static URI retried;
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/sum", ex -> {
            CRC32 crc = new CRC32();
            long n = 0;
            byte[] buf = new byte[65536];
            try (InputStream in = ex.getRequestBody()) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, r);
                    n += r;
                }
            }
            byte[] answer = ("len=" + n + " crc=" + Long.toHexString(crc.getValue()) + " te="
                    + ex.getRequestHeaders().getFirst("Transfer-Encoding")).getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/refuse", ex -> {
            // Answers at once without reading the body, as a server over its size limit does.
            byte[] answer = "too big".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(413, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        InetSocketAddress live = new InetSocketAddress("127.0.0.1", server.getAddress().getPort());
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", Nginx.freePort("127.0.0.1"));
        BackendSpec up = BackendSpec.of("up", List.of(ServerSpec.of("s", live)));
        // balance first: every request tries the refused server first; retries 1 + redispatch move it to the live one.
        BackendSpec flaky = BackendSpec.of("flaky", List.of(ServerSpec.of("dead", dead), ServerSpec.of("live", live)))
                .withBalance(new Balance.First()).withRetries(1, true);
        health = new HealthMonitor();
        proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(),
                List.of(FrontendSpec.of("up", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "up"),
                        FrontendSpec.of("flaky", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "flaky")),
                List.of(up, flaky)), health);
        base = URI.create("http://127.0.0.1:" + proxy.boundAddresses("up").getFirst().getPort());
        retried = URI.create("http://127.0.0.1:" + proxy.boundAddresses("flaky").getFirst().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(proxy, health);
        if (server != null) {
            server.stop(0);
        }
    }

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 11));
        }
        return b;
    }

    private static String sum(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return "len=" + b.length + " crc=" + Long.toHexString(crc.getValue());
    }

    @Test
    void aLargeUploadWithContentLengthPasses() throws Exception {
        byte[] b = body(40 << 20);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/sum"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(sum(b) + " te=null");
    }

    @Test
    void aChunkedUploadOfUnknownLengthPassesChunked() throws Exception {
        byte[] b = body(3 << 20);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/sum"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(b))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(sum(b) + " te=chunked");
    }

    /** The client waits for 100 Continue before its body: the server's 100 reaches it through the proxy. */
    @Test
    void expectContinueIsAnsweredByTheServer() throws Exception {
        byte[] b = body(2 << 20);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/sum")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith(sum(b));
    }

    /** A refused connection is retried with the streamed body intact: nothing of it had been sent. */
    @Test
    void aFailedConnectIsRetriedWithTheWholeBody() throws Exception {
        byte[] b = body(5 << 20);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(retried.resolve("/sum"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith(sum(b));
    }

    /**
     * Over HTTP/2 (TLS with ALPN h2): a declared 20 MiB body and one of unknown length (DATA
     * frames only, which the proxy sends on chunked) both stream to the HTTP/1.1 server.
     */
    @Test
    void http2UploadsStreamToo(@TempDir Path dir) throws Exception {
        SelfSigned cert = SelfSigned.make(dir, "127.0.0.1", "IP:127.0.0.1");
        BindSpec tls = new BindSpec(new InetSocketAddress("127.0.0.1", 0), false,
                Optional.of(TlsBind.of(List.of(cert.pem()), List.of("h2", "http/1.1"))), false);
        BackendSpec up = BackendSpec.of("up", List.of(ServerSpec.of("s", new InetSocketAddress("127.0.0.1", server.getAddress().getPort()))));
        try (L7Proxy secure = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(FrontendSpec.of("h2", List.of(tls), "up")),
                List.of(up)), health)) {
            SSLContext ctx = cert.trustedBy();
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(ctx).build();
            URI sum = URI.create("https://127.0.0.1:" + secure.boundAddresses("h2").getFirst().getPort() + "/sum");
            byte[] b = body(20 << 20);
            HttpResponse<String> declared = h2.send(HttpRequest.newBuilder(sum).POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(declared.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(declared.body()).isEqualTo(sum(b) + " te=null");
            byte[] c = body(3 << 20);
            HttpResponse<String> unknown = h2.send(HttpRequest.newBuilder(sum)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(c))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(unknown.body()).isEqualTo(sum(c) + " te=chunked");
        }
    }

    /** A server that answers before reading the body: the client gets the answer, then the connection closes. */
    @Test
    void anEarlyAnswerEndsTheConnection() throws Exception {
        InetSocketAddress at = proxy.boundAddresses("up").getFirst();
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /refuse HTTP/1.1\r\nHost: t\r\nContent-Length: " + (10 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 << 10]);
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Connection: close").endsWith("too big");
        }
    }
}
