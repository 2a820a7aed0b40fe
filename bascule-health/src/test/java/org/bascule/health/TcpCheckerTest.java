package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TCP_CHECK against real sockets on 127.0.0.1. */
class TcpCheckerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void listeningPortPasses() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            CheckResult r = check(new InetSocketAddress(LOOPBACK, server.getLocalPort()), Optional.empty(), ms(1_000));
            assertThat(r.status()).isEqualTo(CheckStatus.L4OK);
            assertThat(r.passed()).isTrue();
        }
    }

    @Test
    void closedPortIsAConnectionProblem() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            port = s.getLocalPort();
        }
        CheckResult r = check(new InetSocketAddress(LOOPBACK, port), Optional.empty(), ms(1_000));
        assertThat(r.status()).isEqualTo(CheckStatus.L4CON);
        assertThat(r.detail()).contains("refused");
        assertThat(r.toString()).startsWith("L4CON (Connection refused) in ");
    }

    @Test
    void bindtoChoosesTheSourceAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            var source = new InetSocketAddress(InetAddress.getByName("127.0.0.7"), 0);
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    assertThat(s.getInetAddress().getHostAddress()).isEqualTo("127.0.0.7");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            CheckResult r = check(new InetSocketAddress(LOOPBACK, server.getLocalPort()), Optional.of(source), ms(1_000));
            assertThat(r.status()).isEqualTo(CheckStatus.L4OK);
            assertThat(acceptor.join(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void unusableBindAddressIsASocketError() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            // 192.0.2.0/24 (TEST-NET-1) is on no interface here: bind fails locally, nothing is sent
            var foreign = new InetSocketAddress(InetAddress.getByName("192.0.2.33"), 0);
            CheckResult r = check(new InetSocketAddress(LOOPBACK, server.getLocalPort()), Optional.of(foreign), ms(1_000));
            assertThat(r.status()).isEqualTo(CheckStatus.SOCKERR);
            assertThat(r.detail()).startsWith("bind /192.0.2.33:0");
        }
    }

    @Test
    void noAnswerWithinConnectTimeoutIsATimeout() throws IOException {
        // A listener whose accept queue is full drops new SYNs (Linux tcp_conn_request), so the
        // probe's SYN goes unanswered on loopback, like a blackholed server.
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            var address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(address, 300);
                } catch (IOException queueAlreadyFull) {
                    break;
                }
            }
            CheckResult r = check(address, Optional.empty(), ms(300));
            assertThat(r.status()).isEqualTo(CheckStatus.L4TOUT);
            assertThat(r.took()).isGreaterThanOrEqualTo(ms(250));
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    private static CheckResult check(InetSocketAddress to, Optional<InetSocketAddress> bindTo, Duration timeout) {
        var spec = new TcpCheckSpec(to, bindTo, timeout, CheckTiming.tcpCheckDefaults());
        return Checker.forSpec(spec).check();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
