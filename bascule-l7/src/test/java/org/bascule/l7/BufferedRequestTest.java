package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code option http-buffer-request}: a slow client's body is read (whole, or {@code tune.bufsize}
 * of it) before any server hears of the request, within {@code timeout http-request}; without
 * the option the body streams, and its pauses are bounded by {@code timeout client}, not by
 * {@code timeout http-request}. A raw socket plays the slow client; the JDK's HTTP server notes
 * when each request reached it.
 */
class BufferedRequestTest {

    static HttpServer server;
    static HealthMonitor health;
    static L7Proxy proxy;
    /** When the server's handler last started (System.nanoTime), and how many requests reached it. */
    static final AtomicLong reachedAt = new AtomicLong();
    static final AtomicInteger reached = new AtomicInteger();
    static int plain;
    static int buffered;
    static int bufferedInBackend;
    static int waitRule;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/sum", ex -> {
            reachedAt.set(System.nanoTime());
            reached.incrementAndGet();
            long n = ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
            byte[] answer = ("len=" + n).getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        InetSocketAddress live = new InetSocketAddress("127.0.0.1", server.getAddress().getPort());
        // timeout http-request 400 ms, client 5 s: the two cases tell them apart.
        Timeouts t = Timeouts.typical().withHttpRequest(Duration.ofMillis(400)).withClient(Duration.ofSeconds(5));
        BindSpec any = BindSpec.plain(new InetSocketAddress("127.0.0.1", 0));
        BackendSpec app = BackendSpec.of("app", List.of(ServerSpec.of("s", live)));
        health = new HealthMonitor();
        proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(),
                List.of(FrontendSpec.of("plain", List.of(any), "app").withTimeouts(t),
                        FrontendSpec.of("buffered", List.of(any), "app").withTimeouts(t).withBufferRequest(true),
                        FrontendSpec.of("viaBackend", List.of(any), "appBuffered").withTimeouts(t),
                        // http-request wait-for-body time 1500ms at-least 100 (its own bounds, past timeout http-request)
                        new FrontendSpec("waitRule", List.of(any), ProxyMode.HTTP, List.of(),
                                List.of(new HttpRequestRule.WaitForBody(Duration.ofMillis(1500), 100, Condition.TRUE)), List.of(), List.of(),
                                Optional.of("app"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), t, 100, false)),
                List.of(app, BackendSpec.of("appBuffered", List.of(ServerSpec.of("s", live))).withBufferRequest(true))), health);
        plain = proxy.boundAddresses("plain").getFirst().getPort();
        buffered = proxy.boundAddresses("buffered").getFirst().getPort();
        bufferedInBackend = proxy.boundAddresses("viaBackend").getFirst().getPort();
        waitRule = proxy.boundAddresses("waitRule").getFirst().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(proxy, health);
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        reached.set(0);
    }

    private static final String CHUNKED_HEAD = "POST /sum HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";

    private static String chunk(int size) {
        return Integer.toHexString(size) + "\r\n" + "x".repeat(size) + "\r\n";
    }

    /** Sends {@code parts} with {@code pauseMs} between them; returns the response and the time the last part went. */
    private static Sent send(int port, int pauseMs, String... parts) throws IOException, InterruptedException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            long last = 0;
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    Thread.sleep(pauseMs);
                }
                try {
                    out.write(parts[i].getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    break; // the proxy answered and closed before the rest (a timeout)
                }
                last = System.nanoTime();
            }
            return new Sent(readResponse(s.getInputStream()), last);
        }
    }

    record Sent(String response, long lastPartAt) {
    }

    /** One response: its head, and a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int length = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.toString(StandardCharsets.US_ASCII);
            }
            b.write(c);
            String text = b.toString(StandardCharsets.US_ASCII);
            if (length < 0 && text.endsWith("\r\n\r\n")) {
                String lower = text.toLowerCase();
                int at = lower.indexOf("content-length:");
                length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).trim());
                b.write(in.readNBytes(length));
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
    }

    @Test
    void withoutTheOptionTheServerHearsOfTheRequestBeforeItsBodyEnds() throws Exception {
        Sent r = send(plain, 300, CHUNKED_HEAD + chunk(10), chunk(10), chunk(10) + "0\r\n\r\n");
        assertThat(r.response()).startsWith("HTTP/1.1 200").endsWith("len=30");
        assertThat(r.lastPartAt() - reachedAt.get()).as("server reached well before the last part").isGreaterThan(150_000_000L);
    }

    @Test
    void aBufferedBodyReachesTheServerOnlyOnceComplete() throws Exception {
        // 3 x 100 ms of pauses: within timeout http-request (400 ms), which now bounds the body too.
        Sent r = send(buffered, 100, CHUNKED_HEAD + chunk(10), chunk(10), chunk(10), chunk(10) + "0\r\n\r\n");
        assertThat(r.response()).startsWith("HTTP/1.1 200").endsWith("len=40");
        assertThat(reachedAt.get()).as("server reached after the last part").isGreaterThanOrEqualTo(r.lastPartAt());
    }

    @Test
    void theOptionInTheBackendBuffersToo() throws Exception {
        Sent r = send(bufferedInBackend, 100, CHUNKED_HEAD + chunk(10), chunk(10) + "0\r\n\r\n");
        assertThat(r.response()).startsWith("HTTP/1.1 200").endsWith("len=20");
        assertThat(reachedAt.get()).isGreaterThanOrEqualTo(r.lastPartAt());
    }

    @Test
    void aFullBufferGoesOnBeforeTheBodyEnds() throws Exception {
        // tune.bufsize (16 KiB by default) is as much as HAProxy holds: past it the request goes on, and the
        // rest streams, timeout client bounding its pauses (600 ms here is past timeout http-request).
        int bufsize = GlobalSpec.defaults().bufferSize();
        Sent r = send(buffered, 600, CHUNKED_HEAD + chunk(bufsize + 100), chunk(10) + "0\r\n\r\n");
        assertThat(r.response()).startsWith("HTTP/1.1 200").endsWith("len=" + (bufsize + 110));
        assertThat(r.lastPartAt() - reachedAt.get()).as("server reached well before the last part").isGreaterThan(150_000_000L);
    }

    /**
     * The client sends part of a chunked body, then nothing: a 408 with {@code Connection: close}
     * comes between {@code minMs} and {@code maxMs} without waiting for more, and no server saw the request.
     */
    private static void stalledBodyGets408(int port, long minMs, long maxMs) throws Exception {
        long t0 = System.nanoTime();
        Sent r = send(port, 0, CHUNKED_HEAD + chunk(10));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.response()).startsWith("HTTP/1.1 408").containsIgnoringCase("connection: close");
        assertThat(tookMs).isBetween(minMs, maxMs);
        assertThat(reached.get()).isZero();
    }

    @Test
    void aBodySlowerThanTimeoutHttpRequestIs408AndNeverReachesTheServer() throws Exception {
        stalledBodyGets408(buffered, 300, 1400);
    }

    @Test
    void aSmallBodyWithALengthPausesUpToTimeoutClientWithoutTheOption() throws Exception {
        // Bodies up to 1 MiB with a length are read whole before a server is chosen; their pauses used to
        // fall under timeout http-request (a 408 here), as HAProxy applies it only with the option.
        String head = "POST /sum HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\n";
        Sent r = send(plain, 350, head + "x".repeat(5), "x".repeat(5), "x".repeat(5), "x".repeat(5));
        assertThat(r.response()).startsWith("HTTP/1.1 200").endsWith("len=20");
    }

    @Test
    void aSmallBodyWithALengthIsBoundByTimeoutHttpRequestWithTheOption() throws Exception {
        String head = "POST /sum HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\n";
        Sent r = send(buffered, 350, head + "x".repeat(5), "x".repeat(5), "x".repeat(5), "x".repeat(5));
        assertThat(r.response()).startsWith("HTTP/1.1 408");
        assertThat(reached.get()).isZero();
    }

    @Test
    void waitForBodyHoldsTheRequestUpToItsOwnSizeWithinItsOwnTime() throws Exception {
        // 700 ms between the first two parts: past timeout http-request (400 ms), within the rule's 1.5 s.
        // The second part brings the body past at-least (100 bytes): the request goes on before the last part.
        long t0 = System.nanoTime();
        Sent r = send(waitRule, 700, CHUNKED_HEAD + chunk(10), chunk(200), chunk(10) + "0\r\n\r\n");
        assertThat(r.response()).startsWith("HTTP/1.1 200").endsWith("len=220");
        assertThat(reachedAt.get() - t0).as("server reached after the second part").isGreaterThan(650_000_000L);
        assertThat(r.lastPartAt() - reachedAt.get()).as("server reached before the last part").isGreaterThan(300_000_000L);
    }

    @Test
    void waitForBodyAnswers408PastItsTime() throws Exception {
        stalledBodyGets408(waitRule, 1300, 4000); // the rule's 1.5 s, not timeout http-request's 0.4 s
    }
}
