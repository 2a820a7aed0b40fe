package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The proxy's byte path: backpressure, half-close, failover on connect, no destination. */
class RelayTest {

    private static final byte[] PAYLOAD = new byte[16 * 1024 * 1024];

    static {
        new Random(42).nextBytes(PAYLOAD);
    }

    /**
     * The client's FIN reaches the proxy while the proxy still has echo to write to it, paused for
     * backpressure: every byte must still arrive. Repeated, because the loss this guards against
     * (Netty 4.2.13-4.2.18's epoll dropping a half-closed descriptor from its interest set, see
     * {@link L4Transport}) struck about one run in four.
     */
    @RepeatedTest(20)
    void largeTransferIsEchoedIntactBothWaysWithBackpressure() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 1))));
            byte[] payload = PAYLOAD;
            try (TcpClient c = new TcpClient(f.vip())) {
                // the writer outruns the reader: the proxy must pause reading, not buffer 16 MB
                var writer = CompletableFuture.runAsync(() -> {
                    try {
                        c.send(payload);
                        c.shutdownOutput();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofVirtual().start(r));
                byte[] back = c.readToEnd();
                writer.get(30, TimeUnit.SECONDS);
                assertThat(back.length).isEqualTo(payload.length);
                assertThat(back).isEqualTo(payload);
            }
            var stats = f.tier.snapshot().services().getFirst().counters();
            assertThat(stats.inBytes()).isEqualTo(payload.length);
            assertThat(stats.outBytes()).isEqualTo(payload.length + "a\n".length());
        }
    }

    @Test
    void halfCloseIsPassedOnAndTheOtherDirectionKeepsFlowing() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 1))));
            try (TcpClient c = new TcpClient(f.vip())) {
                c.send("last words\n".getBytes(StandardCharsets.US_ASCII));
                c.shutdownOutput();
                // the echo server only closes after reading our FIN; its echo still reaches us after ours
                assertThat(new String(c.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("last words\n");
            }
            org.awaitility.Awaitility.await().atMost(L4Fixture.WAIT).until(() -> a.open() == 0);
        }
    }

    @Test
    void bytesAndFinSentBeforeTheServerAnswersArePassedOn() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer alive = f.server("alive");
            // IPVS order [dead, alive]: every other client first meets a refusal, then fails over
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr",
                    List.of(RealServerSpec.of(alive.address(), 1), RealServerSpec.of(closedPort(), 1))));
            for (int i = 0; i < 20; i++) {
                try (var s = new java.net.Socket()) {
                    s.setSoTimeout(TcpClient.TIMEOUT_MS);
                    s.connect(f.vip(), TcpClient.TIMEOUT_MS);
                    s.getOutputStream().write(("early " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput(); // data and FIN at once, before the proxy has a real server
                    assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                            .isEqualTo("alive\nearly " + i + "\n");
                }
            }
        }
    }

    @Test
    void refusedConnectIsCountedAndTheClientGoesToAnotherServer() throws Exception {
        try (var f = new L4Fixture()) {
            InetSocketAddress deadOne = closedPort();
            InetSocketAddress deadTwo = closedPort();
            EchoServer alive = f.server("alive");
            // no checks: only the proxy's own failover protects the clients
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(
                    RealServerSpec.of(deadOne, 1), RealServerSpec.of(alive.address(), 1), RealServerSpec.of(deadTwo, 1))));
            for (int i = 0; i < 9; i++) {
                assertThat(TcpClient.exchange(f.vip())).isEqualTo("alive");
            }
            // IPVS list order is [deadTwo, alive, deadOne]; rr schedules each 3 times. A client given
            // deadTwo fails over to the next one, alive; one given deadOne wraps to deadTwo, then alive.
            assertThat(f.service().connectFailures(deadOne)).isEqualTo(3);
            assertThat(f.service().connectFailures(deadTwo)).isEqualTo(6);
            assertThat(f.service().connectFailures(alive.address())).isZero();
            var rows = f.tier.snapshot().services().getFirst().destinations();
            assertThat(rows).filteredOn(d -> d.address().equals(alive.address())).singleElement()
                    .satisfies(d -> assertThat(d.counters().conns()).isEqualTo(9));
        }
    }

    @Test
    void whenNoServerCanBeReachedTheClientIsClosed() throws Exception {
        try (var f = new L4Fixture()) {
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "wrr",
                    List.of(RealServerSpec.of(closedPort(), 1), RealServerSpec.of(closedPort(), 2))));
            try (var s = new java.net.Socket()) {
                s.setSoTimeout(TcpClient.TIMEOUT_MS);
                s.connect(f.vip(), TcpClient.TIMEOUT_MS);
                InputStream in = s.getInputStream();
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aDrainedOnlyServerMeansNoDestination() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 0))));
            try (var s = new java.net.Socket()) {
                s.setSoTimeout(TcpClient.TIMEOUT_MS);
                s.connect(f.vip(), TcpClient.TIMEOUT_MS);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(a.accepted()).isZero();
        }
    }

    static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }
}
