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
 * {@code track_interface} as keepalived runs it, from rtnetlink link messages: Bascule, master
 * at priority 150, tracks a second veth of its namespace; the real keepalived 2.2.7 is backup
 * at 100. Setting the tracked veth down puts Bascule in FAULT at once (VIP removed, priority 0
 * sent, keepalived takes over); setting it up again brings Bascule back, and it preempts.
 */
class VrrpTrackInterfaceTest {

    private static final String VIP = "10.77.64.100";
    private static final Duration TAKE_OVER = Duration.ofSeconds(15);

    private Lab lab;
    private final List<AutoCloseable> running = new ArrayList<>();
    private String a;
    private String b;

    @BeforeEach
    void network() throws Exception {
        Lab.assumeAvailable();
        lab = new Lab();
        a = lab.node("a", "10.77.64.1/24");
        b = lab.node("b", "10.77.64.2/24");
        Lab.run("ip", "-n", a, "link", "add", "trk0", "type", "veth", "peer", "name", "trk0p");
        Lab.run("ip", "-n", a, "link", "set", "trk0p", "up");
        Lab.run("ip", "-n", a, "link", "set", "trk0", "up");
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

    static String config(int priority, String routerId, String track) {
        return """
                global_defs {
                    router_id %s
                }
                vrrp_instance VI_TRK {
                    state BACKUP
                    interface eth0
                    virtual_router_id 80
                    priority %d
                    advert_int 1
                %s    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(routerId, priority, track, VIP);
    }

    private void awaitMaster(String ns, String other, Node... nodes) {
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (Node n : nodes) {
                assertThat(n.process.isAlive()).as(n.name + " died:\n" + n.log()).isTrue();
            }
            return lab.holds(ns, VIP) && !lab.holds(other, VIP);
        });
    }

    /** Milliseconds from just before {@code ip link set trk0 <state>} until {@code condition} holds (polled every 5 ms). */
    private long timeUntil(String state, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long t0 = System.nanoTime();
        Lab.run("ip", "-n", a, "link", "set", "trk0", state);
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(5)).until(condition);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void theTrackedLinkGoingDownPutsBasculeInFaultAndTheBackupTakesOver(@TempDir Path dir) throws Exception {
        Node bascule = Node.bascule(a, dir.resolve("bascule"), config(150, "BASCULE", """
                    track_interface {
                        trk0
                    }
                """));
        running.add(bascule);
        awaitMaster(a, b, bascule);
        Node keepalived = Node.keepalived(b, dir.resolve("k"), config(100, "KA", ""));
        running.add(keepalived);
        // keepalived starts as backup and stays so while Bascule advertises 150.
        await().atMost(TAKE_OVER).until(() -> keepalived.log().contains("Entering BACKUP STATE"));

        long vipGone = timeUntil("down", () -> !lab.holds(a, VIP));
        long backupHolds = vipGone + timeUntil0(() -> lab.holds(b, VIP));
        assertThat(bascule.log()).contains("(VI_TRK) Entering FAULT STATE");
        long vipBack = timeUntil("up", () -> lab.holds(a, VIP) && !lab.holds(b, VIP));
        System.out.printf("track_interface: VIP removed %d ms after 'ip link set down' began, keepalived holding it at %d ms;"
                + " VIP back on Bascule %d ms after 'up'%n", vipGone, backupHolds, vipBack);
        assertThat(vipGone).as("FAULT detection and VIP removal, ms").isLessThan(1_000);
        assertThat(bascule.log()).contains("Netlink reports trk0 down").contains("Netlink reports trk0 up")
                .contains("(VI_TRK) Entering BACKUP STATE (fault_cleared)").contains("(VI_TRK) Entering MASTER STATE");
    }

    private static long timeUntil0(java.util.concurrent.Callable<Boolean> condition) {
        long t0 = System.nanoTime();
        await().atMost(TAKE_OVER).pollInterval(Duration.ofMillis(5)).until(condition);
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
