package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bascule.health.HealthMonitor;
import org.bascule.l4.L4Options;
import org.bascule.l4.L4Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ipvsadm's editing commands against a running L4 tier on loopback: what they print, their exit
 * statuses, the table they leave (listed byte for byte as ipvsadm's format strings make it), and
 * that traffic through the VIP follows each edit at once.
 */
class IpvsadmLiveTest {

    private final List<ServerSocket> servers = new ArrayList<>();
    private HealthMonitor health;
    private L4Tier tier;
    private Ipvsadm ipvsadm;
    private int vipPort;

    @BeforeEach
    void start() throws IOException {
        health = new HealthMonitor();
        tier = L4Tier.start(List.of(), L4Options.defaults().withIoThreads(1), health);
        ipvsadm = new Ipvsadm(tier, NameResolver.none());
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            vipPort = probe.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws IOException {
        tier.close();
        health.close();
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    /** A real server on {@code ip} that greets each connection with {@code name} and closes. */
    private int server(String ip, int port, String name) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(InetAddress.ofLiteral(ip), port), 100);
        servers.add(ss);
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ss.getLocalPort();
    }

    private String fetch() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), vipPort), 5_000);
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    private IpvsadmOutcome run(String line) {
        return ipvsadm.run(List.of(line.replace("VIP", "127.0.0.1:" + vipPort).split(" ")));
    }

    private static IpvsadmOutcome ok() {
        return new IpvsadmOutcome.Printed("");
    }

    private static IpvsadmOutcome failed(String message) {
        return new IpvsadmOutcome.Failed(255, message);
    }

    /** A real-server line as {@code "  -> %-28s %-7s %-6d %-10u %-10u\n"} prints it. */
    private static String dest(String address, String forward, int weight, long active, long inactive) {
        return String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", address, forward, weight, active, inactive);
    }

    @Test
    void addEditDeleteAsIpvsadmWithTrafficFollowing() throws IOException {
        int e1 = server("127.0.0.1", 0, "one");
        int e2 = server("127.0.0.1", 0, "two");
        server("127.0.0.2", vipPort, "dr"); // a "direct routing" server must listen on the service port

        assertThat(run("-A -t VIP -s rr")).isEqualTo(ok());
        assertThat(run("-A -t VIP -s rr")).isEqualTo(failed("Service already exists"));
        assertThat(run("-a -t VIP -r 127.0.0.1:" + e1 + " -m -w 2")).isEqualTo(ok());
        assertThat(run("-a -t VIP -r 127.0.0.1:" + e2 + " -m")).isEqualTo(ok());
        assertThat(run("-a -t VIP -r 127.0.0.1:" + e1 + " -m")).isEqualTo(failed("Destination already exists"));
        assertThat(run("-a -t 127.0.0.1:1 -r 127.0.0.1:" + e1 + " -m")).isEqualTo(failed("Service not defined"));
        // -g (the default) takes the service's port and is served as NAT, with a warning
        assertThat(run("-a -t VIP -r 127.0.0.2:9999")).isEqualTo(new IpvsadmOutcome.Printed("",
                "warning: Route forwarding is served as NAT (Masq) until the packet engine exists"));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(fetch());
        }
        assertThat(answers).containsOnly("one", "two", "dr");

        String lo = e1 < e2 ? "127.0.0.1:" + e1 : "127.0.0.1:" + e2;
        String hi = e1 < e2 ? "127.0.0.1:" + e2 : "127.0.0.1:" + e1;
        int loWeight = e1 < e2 ? 2 : 1;
        String title = "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
        await().atMost(Duration.ofSeconds(10)).until(() -> tier.snapshot().services().getFirst().destinations().stream()
                .allMatch(d -> d.activeConns() == 0));
        IpvsadmOutcome listed = run("-Ln -t VIP");
        String expected = title + "TCP  127.0.0.1:" + vipPort + " rr\n"
                + dest(lo, "Masq", loWeight, 0, answers.stream().filter((e1 < e2 ? "one" : "two")::equals).count())
                + dest(hi, "Masq", 3 - loWeight, 0, answers.stream().filter((e1 < e2 ? "two" : "one")::equals).count())
                + dest("127.0.0.2:" + vipPort, "Masq", 1, 0, answers.stream().filter("dr"::equals).count());
        assertThat(listed).isEqualTo(new IpvsadmOutcome.Printed(expected));

        // -e -w 0 drains "one"; -d removes the DR server (its port given as listed)
        assertThat(run("-e -t VIP -r 127.0.0.1:" + e1 + " -m -w 0")).isEqualTo(ok());
        assertThat(run("-d -t VIP -r 127.0.0.2:" + vipPort)).isEqualTo(ok());
        assertThat(run("-d -t VIP -r 127.0.0.2:" + vipPort)).isEqualTo(failed("No such destination"));
        for (int i = 0; i < 5; i++) {
            assertThat(fetch()).isEqualTo("two");
        }

        assertThat(run("-E -t VIP -s wrr -p 120 -M 255.255.255.0")).isEqualTo(ok());
        assertThat(run("-E -t VIP -s nosuch")).isEqualTo(failed("Scheduler or persistence engine not found"));
        assertThat(((IpvsadmOutcome.Printed) run("-Ln")).stdout())
                .contains("TCP  127.0.0.1:" + vipPort + " wrr persistent 120 mask 255.255.255.0\n");

        assertThat(run("-Z -t VIP")).isEqualTo(ok());
        assertThat(run("-Ln --stats -t VIP")).isEqualTo(new IpvsadmOutcome.Printed(
                String.format("%-33s %8s %8s %8s %8s %8s%n  -> RemoteAddress:Port%n", "Prot LocalAddress:Port",
                        "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes")
                        + String.format("%-33s%9d%9d%9d%9d%9d%n", "TCP  127.0.0.1:" + vipPort, 0, 0, 0, 0, 0)
                        + String.format("  -> %-28s%9d%9d%9d%9d%9d%n", lo, 0, 0, 0, 0, 0)
                        + String.format("  -> %-28s%9d%9d%9d%9d%9d%n", hi, 0, 0, 0, 0, 0)));

        assertThat(run("-L --timeout")).isEqualTo(new IpvsadmOutcome.Printed("Timeout (tcp tcpfin udp): 900 120 300\n"));
        assertThat(run("--set 0 0 60")).isEqualTo(ok());
        assertThat(run("-L --timeout")).isEqualTo(new IpvsadmOutcome.Printed("Timeout (tcp tcpfin udp): 900 120 60\n"));
        assertThat(run("-L --daemon")).isEqualTo(ok());

        assertThat(run("-D -t VIP")).isEqualTo(ok());
        assertThat(run("-D -t VIP")).isEqualTo(failed("No such service"));
        assertThat(run("-Z -t VIP")).isEqualTo(failed("No such service"));
        assertThat(run("-E -t VIP -s rr")).isEqualTo(failed("No such service"));
        assertThat(run("-A -f 7 -s rr")).isEqualTo(failed("Operation not supported: fwmark services need the packet engine, not built yet"));

        assertThat(run("-A -u VIP -s rr")).isEqualTo(ok());
        assertThat(run("-C")).isEqualTo(ok());
        assertThat(run("-Ln")).isEqualTo(new IpvsadmOutcome.Printed("IP Virtual Server version 1.2.1 (size=4096)\n" + title));
    }

    @Test
    void connectionEntriesOfTheLiveTable() throws IOException {
        int e1 = server("127.0.0.1", 0, "one");
        assertThat(run("-A -t VIP -s rr")).isEqualTo(ok());
        assertThat(run("-a -t VIP -r 127.0.0.1:" + e1 + " -m")).isEqualTo(ok());
        assertThat(fetch()).isEqualTo("one");
        // the proxy sees the server's close a moment after the client does
        await().atMost(Duration.ofSeconds(10)).until(() -> ((IpvsadmOutcome.Printed) run("-Lnc")).stdout().contains("TIME_WAIT"));
        String out = ((IpvsadmOutcome.Printed) run("-Lnc")).stdout();
        // one closed connection: TIME_WAIT for tcpfin (120 s) from its close
        assertThat(out).matches("IPVS connection entries\n"
                + "pro expire state       source             virtual            destination\n"
                + "TCP 0[12]:[0-5][0-9]  TIME_WAIT   127\\.0\\.0\\.1:[0-9]+ +127\\.0\\.0\\.1:" + vipPort + " +127\\.0\\.0\\.1:" + e1 + "\n");
    }
}
