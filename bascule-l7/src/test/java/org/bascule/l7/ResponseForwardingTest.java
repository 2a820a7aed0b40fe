package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HttpResponseRule;
import org.bascule.l7.spec.LogFormat;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Responses forwarded as bytes: what the client receives, byte for byte, for each framing a
 * server may use (Content-Length, chunked with extensions and trailers, close-delimited, HEAD,
 * interim 1xx), the re-framing toward HTTP/1.0 and keep-alive clients, and 502 for every framing
 * HAProxy refuses. The server is {@link ScriptedServer}; requests go over raw sockets, pipelined,
 * the last one with {@code Connection: close}, and everything read until the proxy closes.
 */
class ResponseForwardingTest {

    static ScriptedServer server;
    static HealthMonitor health;
    static L7Proxy proxy;
    static InetSocketAddress www;
    static InetSocketAddress empty;

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedServer();
        BackendSpec web = BackendSpec.of("web", List.of(ServerSpec.of("s1", server.address())))
                .withResponseRules(List.of(
                        new HttpResponseRule.SetHeader("X-Backend", new LogFormat("web"), Condition.TRUE),
                        new HttpResponseRule.DelHeader("X-Secret", Condition.TRUE),
                        new HttpResponseRule.DelHeader("Content-Length", Condition.TRUE)));
        BackendSpec none = BackendSpec.of("none", List.of());
        FrontendSpec front = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "web");
        FrontendSpec back = FrontendSpec.of("empty", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "none");
        health = new HealthMonitor();
        proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(front, back), List.of(web, none)), health);
        www = proxy.boundAddresses("www").getFirst();
        empty = proxy.boundAddresses("empty").getFirst();
        server.on("/len", "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-Secret: s\r\nServer:  scripted \r\n\r\nhello\n", false);
        server.on("/chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=\"a b\"\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n", false);
        server.on("/close", "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close", true);
        server.on("/hints", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n", false);
        server.on("/head", "HTTP/1.1 200 OK\r\nContent-Length: 16384\r\n\r\n", false);
        server.on("/both", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", false);
        server.on("/twolengths", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", false);
        server.on("/folded", "HTTP/1.1 200 OK\r\nX-A: 1\r\n 2\r\nContent-Length: 0\r\n\r\n", false);
        server.on("/huge", "HTTP/1.1 200 OK\r\nX-Big: " + "y".repeat(20_000) + "\r\nContent-Length: 0\r\n\r\n", false);
        server.on("/leftover", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false);
        server.on("/badchunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX", false);
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(proxy, health, server);
    }

    /** Sends the requests in one write (pipelined) and returns all the proxy sent until it closed. */

    private static String get(String path, String version, boolean close) {
        return "GET " + path + " HTTP/" + version + "\r\nHost: t\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    @Test
    void contentLengthAndChunkedBodiesPassByteForByteOnOneConnection() throws Exception {
        String got = RawHttp.exchange(www, get("/len", "1.1", false) + get("/chunked", "1.1", true));
        assertThat(got).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer:  scripted\r\nX-Backend: web\r\n\r\nhello\n"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Backend: web\r\nConnection: close\r\n\r\n"
                + "5;ext=\"a b\"\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n");
    }

    @Test
    void closeDelimitedBodyIsChunkedForKeepAliveClients() throws Exception {
        String got = RawHttp.exchange(www, get("/close", "1.1", false) + get("/len", "1.1", true));
        assertThat(got).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Backend: web\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "b\r\nuntil close\r\n0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer:  scripted\r\nX-Backend: web\r\nConnection: close\r\n\r\nhello\n");
    }

    @Test
    void http10ClientsGetNoChunks() throws Exception {
        assertThat(RawHttp.exchange(www, get("/close", "1.0", false))).isEqualTo(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Backend: web\r\nConnection: close\r\n\r\nuntil close");
        assertThat(RawHttp.exchange(www, get("/chunked", "1.0", false))).isEqualTo(
                "HTTP/1.1 200 OK\r\nX-Backend: web\r\nConnection: close\r\n\r\nhello world");
        // An HTTP/1.0 keep-alive client is told the connection stays open (it would assume a close otherwise).
        assertThat(RawHttp.exchange(www, "GET /len HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + get("/len", "1.0", false))).isEqualTo(
                "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer:  scripted\r\nX-Backend: web\r\nConnection: keep-alive\r\n\r\nhello\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer:  scripted\r\nX-Backend: web\r\nConnection: close\r\n\r\nhello\n");
    }

    @Test
    void interimResponsesGoOnExceptContinue() throws Exception {
        assertThat(RawHttp.exchange(www, get("/hints", "1.1", true))).isEqualTo(
                "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nX-Backend: web\r\nConnection: close\r\n\r\n");
    }

    @Test
    void headResponsesHaveNoBodyAndKeepTheConnection() throws Exception {
        String got = RawHttp.exchange(www, "HEAD /head HTTP/1.1\r\nHost: t\r\n\r\n" + get("/len", "1.1", true));
        assertThat(got).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 16384\r\nX-Backend: web\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer:  scripted\r\nX-Backend: web\r\nConnection: close\r\n\r\nhello\n");
        // A local answer to HEAD (here 503, no server) has its head only, too.
        String local = RawHttp.exchange(empty, "HEAD / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(local).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("content-length: ").endsWith("\r\n\r\n");
    }

    @Test
    void badFramingGets502() throws Exception {
        for (String path : List.of("/both", "/twolengths", "/folded", "/huge")) {
            String got = RawHttp.exchange(www, get(path, "1.1", true));
            assertThat(got).as(path).startsWith("HTTP/1.1 502 Bad Gateway\r\n");
        }
        assertThat(proxy.server("web", "s1").responseErrors.sum()).isGreaterThanOrEqualTo(4);
        // A body that breaks its framing after the head went out: the client connection is cut.
        assertThat(RawHttp.exchange(www, get("/badchunk", "1.1", true))).startsWith("HTTP/1.1 200 OK\r\n").doesNotEndWith("0\r\n\r\n");
    }

    /** {@code timeout server} is one lazy timer per server connection: a reused connection still times out on time. */
    @Test
    void serverTimeoutHoldsOnAReusedConnection() throws Exception {
        server.onSlowly("/slow", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 3000);
        Timeouts t = Timeouts.NONE.withConnect(Duration.ofSeconds(2)).withClient(Duration.ofSeconds(10)).withServer(Duration.ofMillis(600));
        BackendSpec web = BackendSpec.of("timed", List.of(ServerSpec.of("s1", server.address()))).withTimeouts(t);
        FrontendSpec front = FrontendSpec.of("timed", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "timed");
        try (HealthMonitor h = new HealthMonitor();
                L7Proxy p = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(front), List.of(web)), h)) {
            InetSocketAddress at = p.boundAddresses("timed").getFirst();
            // Warm the pool: the timer armed by these requests is still pending when /slow goes out.
            RawHttp.exchange(at, get("/len", "1.1", false) + get("/len", "1.1", true));
            RawHttp.exchange(at, get("/len", "1.1", false) + get("/len", "1.1", true));
            Thread.sleep(300);
            long start = System.nanoTime();
            String got = RawHttp.exchange(at, get("/len", "1.1", false) + get("/slow", "1.1", true));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(got).contains("HTTP/1.1 504 Gateway Timeout\r\n");
            assertThat(took).isBetween(Duration.ofMillis(550), Duration.ofMillis(2500));
        }
    }

    @Test
    void bytesAfterAResponseCloseTheServerConnection() throws Exception {
        int before = server.closedByPeer.get();
        String got = RawHttp.exchange(www, get("/leftover", "1.1", false) + get("/len", "1.1", true));
        assertThat(got).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Backend: web\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer:  scripted\r\nX-Backend: web\r\nConnection: close\r\n\r\nhello\n");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.closedByPeer.get() - before).as("the proxy closed that server connection").isEqualTo(1));
    }
}
