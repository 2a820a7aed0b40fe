package org.bascule.app.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VRRPv3 over IPv6 (RFC 5798 §5.1.2: ff02::12, hop limit 255, link-local source) between
 * Bascule and the real keepalived 2.2.7 on one bridge: the higher priority becomes master
 * whichever starts first, stopping or killing the master hands the VIP over, a client in a
 * third namespace reaches the server bound on the IPv6 VIP, and the new master's unsolicited
 * neighbour advertisement (RFC 4861 §7.2.6, override flag) moves the client's neighbour entry
 * for the VIP to its MAC before the client sends anything.
 */
class VrrpIpv6InteropTest {

    private static final String VIP = "2001:db8:77::100";
    private static final Duration TAKE_OVER = Duration.ofSeconds(15);

    private Lab lab;
    private final List<AutoCloseable> running = new ArrayList<>();
    private String a;
    private String b;
    private String client;

    @BeforeEach
    void network() throws Exception {
        Lab.assumeAvailable();
        lab = new Lab();
        a = lab.node("a", "10.77.61.1/24");
        b = lab.node("b", "10.77.61.2/24");
        client = lab.node("c", "10.77.61.9/24");
        lab.addIpv6(a, "2001:db8:77::1/64");
        lab.addIpv6(b, "2001:db8:77::2/64");
        lab.addIpv6(client, "2001:db8:77::9/64");
        running.add(server(a, "node-a"));
        running.add(server(b, "node-b"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    static String config(int priority, String routerId) {
        return """
                global_defs {
                    router_id %s
                    vrrp_version 3
                }
                vrrp_instance VI_V6 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 78
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        %s/64
                    }
                }
                """.formatted(routerId, priority, VIP);
    }

    private AutoCloseable server(String ns, String answer) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/socat",
                "TCP6-LISTEN:8080,bind=[" + VIP + "],reuseaddr,fork", "SYSTEM:echo " + answer)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return () -> {
            p.destroy();
            p.waitFor();
        };
    }

    private String fetch() {
        return Lab.tryRun("ip", "netns", "exec", client, "/usr/bin/socat", "-T", "2", "-", "TCP6:[" + VIP + "]:8080,connect-timeout=1").strip();
    }

    /** The client's neighbour entry for the VIP: "lladdr xx:.. STATE", or "". */
    private String clientNeighbour() {
        return Lab.tryRun("ip", "-n", client, "-6", "neigh", "show", VIP, "dev", "eth0").strip();
    }

    private void awaitMaster(String ns, String other, Node... nodes) {
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (Node n : nodes) {
                assertThat(n.process.isAlive()).as(n.name + " died:\n" + n.log()).isTrue();
            }
            return lab.holds(ns, VIP) && !lab.holds(other, VIP);
        });
    }

    /** The unsolicited NA alone moves the client's entry: nothing is fetched meanwhile. */
    private void awaitNeighbourMovesTo(String ns) throws Exception {
        String mac = lab.mac(ns);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> clientNeighbour().contains("lladdr " + mac));
    }

    @Test
    void basculeWithTheHigherPriorityTakesOverFromARunningKeepalivedAndBack(@TempDir Path dir) throws Exception {
        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(100, "KA"));
        running.add(keepalived);
        awaitMaster(b, a, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));

        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(150, "BASCULE"));
        running.add(bascule);
        awaitMaster(a, b, bascule, keepalived);
        awaitNeighbourMovesTo(a);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));

        bascule.stop();
        awaitMaster(b, a, keepalived);
        awaitNeighbourMovesTo(b);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));
        assertThat(bascule.log()).contains("(VI_V6) Entering MASTER STATE").contains("(VI_V6) Entering STOP STATE");
    }

    @Test
    void keepalivedWithTheHigherPriorityPreemptsBasculeAndItsCrashHandsTheVipBack(@TempDir Path dir) throws Exception {
        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(100, "BASCULE"));
        running.add(bascule);
        awaitMaster(a, b, bascule);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));

        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(150, "KA"));
        running.add(keepalived);
        awaitMaster(b, a, bascule, keepalived);
        awaitNeighbourMovesTo(b);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));

        // SIGKILL: keepalived's stale VIP stays on b; only Bascule's NA moves the client.
        keepalived.kill();
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(100)).until(() -> lab.holds(a, VIP));
        awaitNeighbourMovesTo(a);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));
        assertThat(bascule.log()).contains("(VI_V6) Entering BACKUP STATE (higher_priority_advert)");
    }
}
