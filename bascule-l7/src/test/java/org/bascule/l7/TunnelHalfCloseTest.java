package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A half-close through an upgraded HTTP tunnel, from either side, over real sockets: the server
 * answers 101 to a raw upgrade, and the test's two ends shut their sending sides in turn. HAProxy
 * passes such a FIN on and keeps relaying the other way; so must the proxy, where it used to end
 * the whole tunnel on the server's FIN.
 */
class TunnelHalfCloseTest {

    private static final String UPGRADE = "GET /raw HTTP/1.1\r\nHost: t\r\nUpgrade: raw\r\nConnection: Upgrade\r\n\r\n";
    private static final String SWITCHED = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: raw\r\nConnection: Upgrade\r\n\r\n";

    private ServerSocket server;
    private HealthMonitor health;
    private L7Proxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        health = new HealthMonitor();
        Timeouts t = Timeouts.NONE.withConnect(Duration.ofSeconds(2)).withClient(Duration.ofSeconds(10))
                .withServer(Duration.ofSeconds(10));
        BackendSpec b = BackendSpec.of("raw", List.of(ServerSpec.of("s", (InetSocketAddress) server.getLocalSocketAddress())))
                .withTimeouts(t);
        FrontendSpec f = FrontendSpec.of("f", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "raw")
                .withTimeouts(t);
        proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(f), List.of(b)), health);
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.close(proxy, health);
        server.close();
    }

    @Test
    void theServersFinReachesTheClientWhichCanStillSend() throws Exception {
        // The server switches, says its last word, shuts its sending side, then reads the client to the end.
        CompletableFuture<String> heard = serveOnce(s -> {
            s.getOutputStream().write((SWITCHED + "last word from the server").getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            return readToEnd(s.getInputStream());
        });
        try (Socket c = client()) {
            c.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
            String got = readToEnd(c.getInputStream());
            assertThat(got).startsWith("HTTP/1.1 101").endsWith("last word from the server");
            // Half-closed by the proxy, not closed: what the client sends still reaches the server.
            c.getOutputStream().write("the client's answer".getBytes(StandardCharsets.US_ASCII));
            c.shutdownOutput();
            assertThat(heard.get(5, TimeUnit.SECONDS)).endsWith("the client's answer");
        }
    }

    /**
     * The other order, which worked before too: kept so that the server's FIN arriving second
     * (now an event that ends the tunnel, no longer a close) still delivers the answer and ends both.
     */
    @Test
    void theClientsFinReachesTheServerWhichCanStillAnswer() throws Exception {
        CompletableFuture<String> heard = serveOnce(s -> {
            s.getOutputStream().write(SWITCHED.getBytes(StandardCharsets.US_ASCII));
            String question = readToEnd(s.getInputStream());
            s.getOutputStream().write(("answer to " + question).getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            return question;
        });
        try (Socket c = client()) {
            c.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(c.getInputStream())).startsWith("HTTP/1.1 101");
            c.getOutputStream().write("question".getBytes(StandardCharsets.US_ASCII));
            c.shutdownOutput();
            assertThat(heard.get(5, TimeUnit.SECONDS)).endsWith("question");
            // The server answers after the client's FIN; then both directions are shut and the connection ends.
            assertThat(readToEnd(c.getInputStream())).isEqualTo("answer to question");
        }
    }

    private interface Exchange {
        String run(Socket s) throws IOException;
    }

    /** Accepts one connection, reads its request head, and runs {@code then} on it (on a virtual thread). */
    private CompletableFuture<String> serveOnce(Exchange then) {
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                String head = readHead(s.getInputStream());
                out.complete(head + then.run(s));
            } catch (IOException | RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private Socket client() throws IOException {
        InetSocketAddress at = proxy.boundAddresses("f").getFirst();
        Socket c = new Socket(at.getAddress(), at.getPort());
        c.setSoTimeout(5000);
        return c;
    }

    /** Bytes up to and including the blank line that ends an HTTP head. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
