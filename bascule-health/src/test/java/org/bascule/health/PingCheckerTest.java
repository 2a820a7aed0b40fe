package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bascule.os.NetworkNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PING_CHECK run from one network namespace against a real server namespace behind a veth
 * pair: the peer's kernel answers the echo; an unused address and a dead route fail.
 */
class PingCheckerTest {

    private final String prefix = "bos-hping-" + ProcessHandle.current().pid();
    private final List<String> namespaces = new ArrayList<>();
    private String client;

    @BeforeEach
    void network() throws Exception {
        assumeTrue(isRoot(), "needs root: PING_CHECK uses raw ICMP sockets and the test builds network namespaces");
        client = namespace("c");
        String server = namespace("s");
        run("ip", "-n", client, "link", "add", "vc", "type", "veth", "peer", "name", "vs", "netns", server);
        run("ip", "-n", client, "link", "set", "vc", "up");
        run("ip", "-n", server, "link", "set", "vs", "up");
        run("ip", "-n", client, "addr", "add", "10.77.9.1/24", "dev", "vc");
        run("ip", "-n", server, "addr", "add", "10.77.9.2/24", "dev", "vs");
        run("ip", "-n", client, "addr", "add", "2001:db8:9::1/64", "dev", "vc", "nodad");
        run("ip", "-n", server, "addr", "add", "2001:db8:9::2/64", "dev", "vs", "nodad");
    }

    @AfterEach
    void cleanUp() {
        for (String ns : namespaces.reversed()) {
            run("ip", "netns", "del", ns);
        }
    }

    private CheckResult checkFromClient(PingCheckSpec spec) throws Exception {
        Checker checker = Checker.forSpec(spec);
        assertThat(checker).isInstanceOf(PingChecker.class);
        return NetworkNamespace.call(client, checker::check);
    }

    private static PingCheckSpec spec(String ip, Duration timeout) throws Exception {
        return new PingCheckSpec(InetAddress.getByName(ip), Optional.empty(), Optional.empty(), timeout,
                CheckTiming.tcpCheckDefaults());
    }

    @Test
    void aLiveServerAnswersIpv4AndIpv6() throws Exception {
        CheckResult v4 = checkFromClient(spec("10.77.9.2", Duration.ofSeconds(3)));
        CheckResult v6 = checkFromClient(spec("2001:db8:9::2", Duration.ofSeconds(3)));

        assertThat(v4.status()).as(v4.toString()).isEqualTo(CheckStatus.L4OK);
        assertThat(v6.status()).as(v6.toString()).isEqualTo(CheckStatus.L4OK);
        assertThat(v4.toString()).startsWith("L4OK (echo reply in ");
    }

    @Test
    void bindtoAndBindIfChooseSourceAndInterface() throws Exception {
        PingCheckSpec bound = new PingCheckSpec(InetAddress.getByName("10.77.9.2"),
                Optional.of(InetAddress.getByName("10.77.9.1")), Optional.of("vc"), Duration.ofSeconds(3),
                CheckTiming.tcpCheckDefaults());
        assertThat(checkFromClient(bound).status()).isEqualTo(CheckStatus.L4OK);
    }

    @Test
    void anUnusedAddressFailsWithinConnectTimeout() throws Exception {
        CheckResult r = checkFromClient(spec("10.77.9.99", Duration.ofMillis(800)));

        assertThat(r.passed()).isFalse();
        assertThat(r.status()).isIn(CheckStatus.L4TOUT, CheckStatus.L4CON);
        assertThat(r.took()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void noRouteIsAConnectionProblemAndABadInterfaceASocketError() throws Exception {
        CheckResult noRoute = checkFromClient(spec("10.77.250.1", Duration.ofSeconds(1)));
        PingCheckSpec badIf = new PingCheckSpec(InetAddress.getByName("10.77.9.2"), Optional.empty(),
                Optional.of("nosuch0"), Duration.ofSeconds(1), CheckTiming.tcpCheckDefaults());
        CheckResult socketError = checkFromClient(badIf);

        assertThat(noRoute.status()).isEqualTo(CheckStatus.L4CON);
        assertThat(noRoute.detail()).contains("Network is unreachable");
        assertThat(socketError.status()).isEqualTo(CheckStatus.SOCKERR);
        assertThat(socketError.detail()).contains("nosuch0").contains("No such device");
    }

    private String namespace(String suffix) {
        String name = prefix + "-" + suffix;
        run("ip", "netns", "add", name);
        namespaces.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no exit within 20 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit " + p.exitValue() + ": "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command), e);
        }
    }
}
