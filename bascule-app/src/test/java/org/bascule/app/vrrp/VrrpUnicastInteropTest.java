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
 * {@code unicast_src_ip} / {@code unicast_peer} between Bascule and the real keepalived 2.2.7
 * (IPv4, VRRPv2 with PASS and VRRPv3): adverts go to the peer's own address instead of
 * 224.0.0.18, each side accepts only its listed peer. The higher priority becomes master
 * whichever starts first, stopping or killing the master hands the VIP over, and a client in a
 * third namespace reaches the server bound on the VIP.
 */
class VrrpUnicastInteropTest {

    private static final String VIP = "10.77.62.100";
    private static final String A = "10.77.62.1";
    private static final String B = "10.77.62.2";
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
        a = lab.node("a", A + "/24");
        b = lab.node("b", B + "/24");
        client = lab.node("c", "10.77.62.9/24");
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

    static String config(int version, int priority, String routerId, String self, String peer) {
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
                vrrp_instance VI_UC {
                    state BACKUP
                    interface eth0
                    virtual_router_id 79
                    priority %d
                    advert_int 1
                    unicast_src_ip %s
                    unicast_peer {
                        %s
                    }
                %s    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(routerId, version, priority, self, peer, auth, VIP);
    }

    private AutoCloseable server(String ns, String answer) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/socat",
                "TCP-LISTEN:8080,bind=" + VIP + ",reuseaddr,fork", "SYSTEM:echo " + answer)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return () -> {
            p.destroy();
            p.waitFor();
        };
    }

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
        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(version, 100, "KA", B, A));
        running.add(keepalived);
        awaitMaster(b, a, keepalived);
        assertThat(fetch()).isEqualTo("node-b");

        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(version, 150, "BASCULE", A, B));
        running.add(bascule);
        awaitMaster(a, b, bascule, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));

        bascule.stop();
        awaitMaster(b, a, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));
        assertThat(bascule.log()).contains("(VI_UC) Entering MASTER STATE").contains("(VI_UC) Entering STOP STATE")
                .doesNotContain("one of unicast_peer");
    }

    @ParameterizedTest(name = "VRRPv{0}")
    @ValueSource(ints = {2, 3})
    void keepalivedWithTheHigherPriorityPreemptsBasculeAndItsCrashHandsTheVipBack(int version, @TempDir Path dir) throws Exception {
        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(version, 100, "BASCULE", A, B));
        running.add(bascule);
        awaitMaster(a, b, bascule);
        assertThat(fetch()).isEqualTo("node-a");

        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(version, 150, "KA", B, A));
        running.add(keepalived);
        awaitMaster(b, a, bascule, keepalived);
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-b"));

        keepalived.kill();
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(100)).until(() -> lab.holds(a, VIP));
        await().atMost(TAKE_OVER).until(() -> fetch().equals("node-a"));
        assertThat(bascule.log()).contains("(VI_UC) Entering BACKUP STATE (higher_priority_advert)");
    }
}
