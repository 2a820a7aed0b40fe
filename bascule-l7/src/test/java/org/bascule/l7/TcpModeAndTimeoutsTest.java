package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mode tcp} relaying with retries, {@code timeout http-request} against a slow client, {@code timeout server}. */
class TcpModeAndTimeoutsTest {

    @TempDir
    Path dir;

    @Test
    void tcpModeRelaysAndRetriesAnotherServer() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            int dead = Nginx.freePort("127.0.0.1");
            BackendSpec bk = BackendSpec.of("tcp", List.of(ServerSpec.of("dead", new InetSocketAddress("127.0.0.1", dead)),
                    ServerSpec.of("n", n.address("127.0.0.1")))).withMode(ProxyMode.TCP).withRetries(1, true);
            FrontendSpec fe = new FrontendSpec("tcp", List.of(BindSpec.plain(new InetSocketAddress("::1", 0))), ProxyMode.TCP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("tcp"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
                InetSocketAddress at = proxy.boundAddresses("tcp").getFirst();
                for (int i = 0; i < 4; i++) {
                    RawHttp.Response r = RawHttp.get(at, "t", "/tcp" + i);
                    assertThat(r.status()).isEqualTo(200);
                    // mode tcp adds nothing: nginx sees no X-Forwarded-For.
                    assertThat(r.body()).startsWith("n xff= ").contains("path=/tcp" + i);
                }
                assertThat(proxy.server("tcp", "dead").connectErrors.sum()).isPositive();
            }
        }
    }

    /**
     * A client that shuts its sending side and waits for the answer (as {@code nc -N} or a request
     * piped in does): the server reads to the end, then answers, through the proxy's half-closed
     * connections. The server side: a plain socket that counts what it read until EOF.
     */
    @Test
    void aHalfCloseIsPassedOnAndTheAnswerStillComesBack() throws Exception {
        try (HealthMonitor health = new HealthMonitor(); ServerSocket counter = new ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!counter.isClosed()) {
                    try {
                        Socket s = counter.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                long n = s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                                s.getOutputStream().write(("got " + n + " bytes\n").getBytes(StandardCharsets.US_ASCII));
                            } catch (Exception ignored) {
                                // the test fails on its side
                            }
                        });
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            BackendSpec bk = BackendSpec.of("count", List.of(ServerSpec.of("c", new InetSocketAddress("127.0.0.1", counter.getLocalPort()))))
                    .withMode(ProxyMode.TCP);
            FrontendSpec fe = new FrontendSpec("tcp", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.TCP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("count"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Timeouts.typical(), 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
                InetSocketAddress at = proxy.boundAddresses("tcp").getFirst();
                for (int size : new int[] {0, 1, 300_000}) {
                    try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                        s.setSoTimeout(10_000);
                        s.getOutputStream().write(new byte[size]);
                        s.shutdownOutput();
                        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                        assertThat(answer).isEqualTo("got " + size + " bytes\n");
                    }
                }
                // Ends by FIN on both sides are normal ends, no aborts.
                LiveServer c = proxy.server("count", "c");
                assertThat(c.clientAborts.sum() + c.serverAborts.sum()).isZero();
            }
        }
    }

    /**
     * A server that reads what comes, answers an HTTP request head with a 101, and never closes
     * (the sockets it accepted go to {@code held}, for the test to close).
     */
    private static ServerSocket muteServer(List<Socket> held) throws java.io.IOException {
        ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!mute.isClosed()) {
                try {
                    Socket s = mute.accept();
                    held.add(s);
                    Thread.ofVirtual().start(() -> {
                        try {
                            byte[] buf = new byte[4096];
                            for (int n; (n = s.getInputStream().read(buf)) > 0; ) {
                                if (new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("GET ")) {
                                    s.getOutputStream().write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n"
                                            .getBytes(StandardCharsets.US_ASCII));
                                }
                            }
                        } catch (Exception ignored) {
                            // the proxy closed it
                        }
                    });
                } catch (Exception e) {
                    return;
                }
            }
        });
        return mute;
    }

    /**
     * {@code timeout server} in mode tcp (without {@code timeout tunnel}): a server silent that
     * long closes the relay, however long {@code timeout client} is (HAProxy keeps one timeout per
     * side; before, only the client's applied).
     */
    @Test
    void timeoutServerBoundsASilentServerInModeTcp() throws Exception {
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HealthMonitor health = new HealthMonitor(); ServerSocket mute = muteServer(held)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", mute.getLocalPort());
            Timeouts t = Timeouts.NONE.withConnect(Duration.ofSeconds(2)).withClient(Duration.ofSeconds(20))
                    .withServer(Duration.ofMillis(300));
            BackendSpec bk = BackendSpec.of("tcp", List.of(ServerSpec.of("m", server))).withMode(ProxyMode.TCP).withTimeouts(t);
            FrontendSpec fe = new FrontendSpec("tcp", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.TCP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("tcp"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), t, 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
                InetSocketAddress at = proxy.boundAddresses("tcp").getFirst();
                try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                    s.setSoTimeout(15_000);
                    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    long sent = System.nanoTime();
                    assertThat(s.getInputStream().read()).as("closed by the proxy").isEqualTo(-1);
                    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
                }
                // HAProxy counts a server timeout in the data phase as srv_abrt (termination state sD).
                LiveServer m = proxy.server("tcp", "m");
                assertThat(m.serverAborts.sum()).isEqualTo(1);
                assertThat(m.clientAborts.sum()).isZero();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * {@code timeout client-fin}: once a client half-closes, a server that neither answers nor
     * closes holds the connection only that long (300 ms), not for {@code timeout tunnel} (20 s);
     * in mode tcp, and in an HTTP/1.1 upgrade tunnel. The server: a socket that reads what comes,
     * answers an HTTP request head with a 101, and never closes.
     */
    @Test
    void clientFinBoundsAHalfClosedConnection() throws Exception {
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HealthMonitor health = new HealthMonitor(); ServerSocket mute = muteServer(held)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", mute.getLocalPort());
            Timeouts t = Timeouts.NONE.withConnect(Duration.ofSeconds(2)).withClient(Duration.ofSeconds(20)).withServer(Duration.ofSeconds(20))
                    .withTunnel(Duration.ofSeconds(20)).withClientFin(Duration.ofMillis(300));
            BackendSpec tcpBk = BackendSpec.of("tcp", List.of(ServerSpec.of("m", server))).withMode(ProxyMode.TCP).withTimeouts(t);
            BackendSpec httpBk = BackendSpec.of("http", List.of(ServerSpec.of("m", server))).withTimeouts(t);
            FrontendSpec tcp = new FrontendSpec("tcp", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.TCP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("tcp"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), t, 100, false);
            FrontendSpec http = new FrontendSpec("http", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("http"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), t, 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(tcp, http), List.of(tcpBk, httpBk)), health)) {
                for (String fe : List.of("tcp", "http")) {
                    InetSocketAddress at = proxy.boundAddresses(fe).getFirst();
                    try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                        s.setSoTimeout(15_000);
                        if (fe.equals("http")) {
                            s.getOutputStream().write("GET /t HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                            byte[] head = new byte[256];
                            int n = s.getInputStream().read(head);
                            assertThat(new String(head, 0, Math.max(n, 0), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 ");
                        } else {
                            s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                        }
                        s.shutdownOutput();
                        long shut = System.nanoTime();
                        assertThat(s.getInputStream().read()).as(fe + ": closed by the proxy").isEqualTo(-1);
                        assertThat(Duration.ofNanos(System.nanoTime() - shut)).as(fe).isLessThan(Duration.ofSeconds(5));
                    }
                }
                // The client side's timeout (client-fin) ended the TCP session: a client abort (HAProxy's cD).
                assertThat(proxy.server("tcp", "m").clientAborts.sum()).isEqualTo(1);
                assertThat(proxy.server("tcp", "m").serverAborts.sum()).isZero();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void slowClientGets408AndSlowServerGives504() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                HealthMonitor health = new HealthMonitor()) {
            // A server that accepts and never answers (a hung application).
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        Socket s = silent.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s; InputStream in = s.getInputStream()) {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (Exception ignored) {
                                // the proxy closed it
                            }
                        });
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Timeouts t = Timeouts.NONE.withConnect(Duration.ofSeconds(2)).withClient(Duration.ofSeconds(5))
                    .withServer(Duration.ofMillis(500)).withHttpRequest(Duration.ofMillis(500));
            BackendSpec bk = BackendSpec.of("hung", List.of(ServerSpec.of("h", new InetSocketAddress("127.0.0.1", silent.getLocalPort()))))
                    .withTimeouts(t);
            FrontendSpec fe = new FrontendSpec("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                    List.of(), List.of(), List.of(), List.of(), Optional.of("hung"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), t, 100, false);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                long start = System.nanoTime();
                assertThat(RawHttp.get(at, "t", "/").status()).isEqualTo(504);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                // Slowloris: half a request head, then nothing.
                try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\n".getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertThat(answer).startsWith("HTTP/1.1 408 ");
                }
            }
        }
    }
}
