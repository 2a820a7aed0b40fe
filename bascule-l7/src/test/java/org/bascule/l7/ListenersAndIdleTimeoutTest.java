package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
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

/**
 * The listening sockets (one per event loop with epoll): {@code v6only}/{@code v4v6}, a port held
 * by another process (HAProxy) refused at start, {@code maxconn} pausing every listener; and the
 * lazily moved {@code timeout http-keep-alive} on a connection that keeps asking.
 */
class ListenersAndIdleTimeoutTest {

    @TempDir
    Path dir;

    private static FrontendSpec frontend(List<BindSpec> binds, Timeouts t, int maxconn) {
        return new FrontendSpec("www", binds, ProxyMode.HTTP, List.of(), List.of(), List.of(), List.of(), Optional.of("web"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), t, maxconn, false);
    }

    private static BackendSpec backend(Nginx n) {
        return BackendSpec.of("web", List.of(ServerSpec.of("n", n.address("127.0.0.1"))));
    }

    @Test
    void v6onlyRefusesIpv4ClientsAndV4v6TakesThem() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            BindSpec v6only = new BindSpec(new InetSocketAddress("::", 0), false, true, Optional.empty(), false);
            BindSpec v4v6 = new BindSpec(new InetSocketAddress("::", 0), true, false, Optional.empty(), false);
            FrontendSpec fe = frontend(List.of(v6only, v4v6), Timeouts.typical(), 100);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(backend(n))), health)) {
                int only = proxy.boundAddresses("www").get(0).getPort();
                int both = proxy.boundAddresses("www").get(1).getPort();
                assertThat(RawHttp.get(new InetSocketAddress("::1", only), "t", "/").status()).isEqualTo(200);
                assertThatThrownBy(() -> RawHttp.get(new InetSocketAddress("127.0.0.1", only), "t", "/"))
                        .isInstanceOf(ConnectException.class);
                assertThat(RawHttp.get(new InetSocketAddress("::1", both), "t", "/").status()).isEqualTo(200);
                assertThat(RawHttp.get(new InetSocketAddress("127.0.0.1", both), "t", "/").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aPortHeldByHaproxyFailsTheStart() throws Exception {
        RealHaproxy.assumeInstalled("no port to hold with it");
        int port = Nginx.freePort("127.0.0.1");
        // HAProxy sets SO_REUSEPORT on its listeners: a reuse-port bind of the same user would share the port.
        try (RealHaproxy hap = RealHaproxy.start(dir, "haproxy", """
                %s
                frontend held
                    bind 127.0.0.1:%d
                    http-request return status 200
                """.formatted(RealHaproxy.HTTP_DEFAULTS, port));
                HealthMonitor health = new HealthMonitor()) {
            Awaitility.await("haproxy listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!hap.isAlive()) {
                            throw new IllegalStateException("haproxy exited: " + hap.output());
                        }
                        try (Socket s = new Socket("127.0.0.1", port)) {
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            FrontendSpec fe = frontend(List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", port))), Timeouts.typical(), 100);
            BackendSpec bk = BackendSpec.of("web", List.of(ServerSpec.of("n", new InetSocketAddress("127.0.0.1", 9))));
            assertThatThrownBy(() -> L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health).close())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("frontend www: cannot bind")
                    .hasMessageContaining("Address already in use");
            // and HAProxy still gets every connection
            assertThat(RawHttp.get(new InetSocketAddress("127.0.0.1", port), "t", "/").status()).isEqualTo(200);
        }
    }

    @Test
    void aPortHeldByAPlainSocketFailsTheStart() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                HealthMonitor health = new HealthMonitor()) {
            FrontendSpec fe = frontend(List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", held.getLocalPort()))),
                    Timeouts.typical(), 100);
            BackendSpec bk = BackendSpec.of("web", List.of(ServerSpec.of("n", new InetSocketAddress("127.0.0.1", 9))));
            assertThatThrownBy(() -> L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health).close())
                    .isInstanceOf(IOException.class).hasMessageContaining("Address already in use");
        }
    }

    @Test
    void maxconnHoldsNewClientsInTheBacklogUntilOneLeaves() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            FrontendSpec fe = frontend(List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), Timeouts.typical(), 1);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(backend(n))), health)) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                try (Socket first = new Socket(at.getAddress(), at.getPort())) {
                    first.setSoTimeout(5000);
                    assertThat(exchange(first, "/1")).startsWith("HTTP/1.1 200");
                    // Several clients, so that whichever loop's listener the kernel picks, it is paused.
                    Socket[] waiting = new Socket[4];
                    try {
                        for (int i = 0; i < waiting.length; i++) {
                            waiting[i] = new Socket(at.getAddress(), at.getPort());
                            waiting[i].getOutputStream().write(request("/w" + i, false));
                            waiting[i].setSoTimeout(300);
                        }
                        for (Socket w : waiting) {
                            assertThatThrownBy(() -> w.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                        }
                        first.close();
                        for (Socket w : waiting) {
                            w.setSoTimeout(10_000);
                            // maxconn 1: each is served in turn as the one before closes.
                            assertThat(new String(w.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
                            w.close();
                        }
                    } finally {
                        for (Socket w : waiting) {
                            if (w != null) {
                                w.close();
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void keepAliveTimeoutMovesWithEachRequestThenClosesSilently() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            Timeouts t = Timeouts.typical().withHttpRequest(Duration.ofSeconds(5)).withHttpKeepAlive(Duration.ofMillis(600));
            FrontendSpec fe = frontend(List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), t, 100);
            try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(backend(n))), health);
                    Socket s = new Socket()) {
                InetSocketAddress at = proxy.boundAddresses("www").getFirst();
                s.connect(at, 5000);
                s.setSoTimeout(5000);
                // Six requests 250 ms apart (1.5 s in all) on one connection: each moves the 600 ms deadline.
                for (int i = 0; i < 6; i++) {
                    assertThat(exchange(s, "/k" + i)).startsWith("HTTP/1.1 200");
                    Thread.sleep(250);
                }
                long idleFrom = System.nanoTime();
                // Then idle: closed without a byte (no 408 between requests).
                assertThat(s.getInputStream().read()).isEqualTo(-1);
                Duration idle = Duration.ofNanos(System.nanoTime() - idleFrom);
                assertThat(idle).isBetween(Duration.ofMillis(250), Duration.ofMillis(3000));
            }
        }
    }

    private static byte[] request(String path, boolean keepAlive) {
        return ("GET " + path + " HTTP/1.1\r\nHost: t\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One keep-alive request and its whole response (head and Content-Length body). */
    private static String exchange(Socket s, String path) throws IOException {
        s.getOutputStream().write(request(path, true));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after '" + head + "'");
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
