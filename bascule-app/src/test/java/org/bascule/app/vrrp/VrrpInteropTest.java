package org.bascule.app.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bascule and the real keepalived 2.2.7 on one bridge and one VRID (R-R1, R-R3): the higher
 * priority becomes master whichever starts first; stopping (SIGTERM, priority 0) or killing
 * (SIGKILL, master-down timer) the master by PID hands the VIP to the other; a client in a third
 * namespace reaches the server bound on the VIP on the new master. VRRPv2 with PASS
 * authentication and VRRPv3.
 */
class VrrpInteropTest {

    private static final String VIP = "10.77.60.100";
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
        a = lab.node("a", "10.77.60.1/24");
        b = lab.node("b", "10.77.60.2/24");
        client = lab.node("c", "10.77.60.9/24");
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

    static String config(int version, int priority, String routerId) {
        String auth = version == 2 ? """
                    authentication {
                        auth_type PASS
                        auth_pass s3cret
                    }
                """ : "";
        return """
                global_defs {
                    router_id %s
                    vrrp_version %d
                }
                vrrp_instance VI_IT {
                    state BACKUP
                    interface eth0
                    virtual_router_id 77
                    priority %d
                    advert_int 1
                %s    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(routerId, version, priority, auth, VIP);
    }

    /** A TCP server on VIP:8080 in {@code ns} that answers its name (socat, one fork per client). */
    private AutoCloseable server(String ns, String answer) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/socat",
                "TCP-LISTEN:8080,bind=" + VIP + ",reuseaddr,fork", "SYSTEM:echo " + answer)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return () -> {
            p.destroy();
            p.waitFor();
        };
    }

    /** What the client in the third namespace gets from VIP:8080 ("" when nothing answers). */
    private String fetch() {
        return Lab.tryRun("ip", "netns", "exec", client, "/usr/bin/socat", "-T", "2", "-", "TCP:" + VIP + ":8080,connect-timeout=1").strip();
    }

    private void awaitMaster(String ns, String other, Node... nodes) {
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (Node n : nodes) {
                assertThat(n.process.isAlive()).as(n.name + " died:\n" + n.log()).isTrue();
            }
            return lab.holds(ns, VIP) && !lab.holds(other, VIP);
        });
    }

    @ParameterizedTest(name = "VRRPv{0}")
    @ValueSource(ints = {2, 3})
    void basculeWithTheHigherPriorityTakesOverFromARunningKeepalivedAndBack(int version, @TempDir Path dir) throws Exception {
        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(version, 100, "KA"));
        running.add(keepalived);
        awaitMaster(b, a, keepalived);
        assertThat(fetch()).isEqualTo("node-b");

        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(version, 150, "BASCULE"));
        running.add(bascule);
        awaitMaster(a, b, bascule, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));

        // SIGTERM by PID: Bascule resigns with priority 0, keepalived takes over after its skew time.
        bascule.stop();
        awaitMaster(b, a, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));
        assertThat(bascule.log()).contains("(VI_IT) Entering MASTER STATE").contains("(VI_IT) Entering STOP STATE");
    }

    @ParameterizedTest(name = "VRRPv{0}")
    @ValueSource(ints = {2, 3})
    void keepalivedWithTheHigherPriorityPreemptsBasculeAndItsCrashHandsTheVipBack(int version, @TempDir Path dir) throws Exception {
        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(version, 100, "BASCULE"));
        running.add(bascule);
        awaitMaster(a, b, bascule);
        assertThat(fetch()).isEqualTo("node-a");

        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(version, 150, "KA"));
        running.add(keepalived);
        awaitMaster(b, a, bascule, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));

        // SIGKILL by PID: no priority 0; Bascule waits its master-down interval. keepalived's
        // stale VIP stays on node b's interface; the client follows Bascule's gratuitous ARP.
        keepalived.kill();
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(100)).until(() -> lab.holds(a, VIP));
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));
        assertThat(bascule.log()).contains("(VI_IT) Entering BACKUP STATE (higher_priority_advert)");
    }
}
