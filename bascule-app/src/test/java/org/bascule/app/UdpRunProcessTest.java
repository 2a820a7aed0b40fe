package org.bascule.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keepalived.conf {@code protocol UDP} virtual server served by {@code bascule run}: DNS
 * queries from dig through the VIP reach two dnsmasq servers, {@code bascule ipvsadm} lists the
 * flows as IPVS lists UDP entries, and a dnsmasq that dies is taken out by its TCP_CHECK
 * without a query failing. Needs dnsmasq (Debian dnsmasq-base) and dig (dnsutils).
 */
class UdpRunProcessTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private Process start(Path dir, String name, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process dnsmasq(Path dir, int port, String answer) throws IOException {
        return start(dir, "dnsmasq-" + port, List.of("/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--address=/web.test/" + answer, "--user=root", "--pid-file=", "--log-facility=-"));
    }

    private static String dig(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/dig", "+short", "+tries=1", "+time=2", "-p", Integer.toString(port),
                "@127.0.0.1", "web.test", "A").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void dnsBehindAUdpVip(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq (Debian dnsmasq-base) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")), "dig (Debian dnsutils) is not installed");
        int dns1 = freePort();
        int dns2 = freePort();
        int vip = freePort();
        Process first = dnsmasq(dir, dns1, "10.77.0.1");
        dnsmasq(dir, dns2, "10.77.0.2");
        await().atMost(Duration.ofSeconds(10)).until(() -> dig(dns1).equals("10.77.0.1") && dig(dns2).equals("10.77.0.2"));
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol UDP
                    real_server 127.0.0.1 %d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 127.0.0.1 %d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(vip, dns1, dns2));
        Path socket = dir.resolve("bascule.sock");
        Process daemon = start(dir, "bascule", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "-f", conf.toString(), "--socket", socket.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.isAlive()
                || CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln").exit() == 0);
        assertThat(daemon.isAlive()).as(Files.readString(dir.resolve("bascule.err"))).isTrue();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(dig(vip));
        }
        assertThat(answers).containsOnly("10.77.0.1", "10.77.0.2").filteredOn("10.77.0.1"::equals).hasSize(3);

        CheckCommandTest.Outcome table = CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln");
        assertThat(table.out()).isEqualTo("IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
                + "UDP  127.0.0.1:" + vip + " rr\n"
                + String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "127.0.0.1:" + Math.min(dns1, dns2), "Masq", 1, 0, 3)
                + String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "127.0.0.1:" + Math.max(dns1, dns2), "Masq", 1, 0, 3));
        CheckCommandTest.Outcome flows = CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Lnc");
        assertThat(flows.out().lines().toList()).hasSize(8).element(2).asString()
                .matches("UDP 0[45]:[0-5][0-9]  UDP         127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:" + vip + " +127\\.0\\.0\\.1:(" + dns1 + "|" + dns2 + ")");

        first.destroy();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln")
                .out().contains("127.0.0.1:" + dns1 + " "));
        for (int i = 0; i < 4; i++) {
            assertThat(dig(vip)).isEqualTo("10.77.0.2");
        }
    }
}
