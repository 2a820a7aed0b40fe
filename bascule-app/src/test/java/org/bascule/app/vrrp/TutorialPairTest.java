package org.bascule.app.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first source document's pair of balancers (seed 000: {@code state MASTER} and
 * {@code state SLAVE}, VRID 51, PASS "1111", the same default priority), both Bascule, its
 * addresses adapted to 10.77.61.0/24: the first to start holds the VIP, the other stays backup
 * (equal priorities: RFC 5798 §6.4.2 accepts the master's adverts), and stopping the master
 * hands the VIP over; a client in a third namespace follows.
 */
class TutorialPairTest {

    private static final String VIP = "10.77.61.9";

    /** seed1-fixed.conf / seed1-backup.conf of bascule-config, addresses adapted. */
    private static String config(String state) throws Exception {
        String seed = Files.readString(Path.of("../bascule-config/src/test/resources/keepalived/seed1-fixed.conf"));
        return seed.replace("state MASTER", "state " + state)
                .replace("192.168.2.9", VIP)
                .replace("192.168.10.", "10.77.61.")
                .replace("relayhost.example.com", "10.77.61.250");
    }

    @Test
    void masterAndSlaveShareTheVip(@TempDir Path dir) throws Exception {
        Lab.assumeAvailable();
        try (Lab lab = new Lab()) {
            String a = lab.node("a", "10.77.61.1/24");
            String b = lab.node("b", "10.77.61.2/24");
            String c = lab.node("c", "10.77.61.50/24");
            Process sa = new ProcessBuilder("ip", "netns", "exec", a, "/usr/bin/socat", "TCP-LISTEN:8080,bind=" + VIP + ",reuseaddr,fork",
                    "SYSTEM:echo lb1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Process sb = new ProcessBuilder("ip", "netns", "exec", b, "/usr/bin/socat", "TCP-LISTEN:8080,bind=" + VIP + ",reuseaddr,fork",
                    "SYSTEM:echo lb2").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (Node master = Node.bascule(a, dir.resolve("lb1"), config("MASTER"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> lab.holds(a, VIP));
                try (Node slave = Node.bascule(b, dir.resolve("lb2"), config("SLAVE"))) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> slave.log().contains("(linuxfr) Entering BACKUP STATE"));
                    assertThat(slave.log()).contains("SLAVE");
                    // Several master-down intervals later, still backup: the master's adverts are accepted.
                    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(250))
                            .until(() -> !lab.holds(b, VIP) && lab.holds(a, VIP));
                    String client = "ip netns exec " + c + " /usr/bin/socat -T 2 - TCP:" + VIP + ":8080,connect-timeout=1";
                    assertThat(Lab.tryRun(client.split(" ")).strip()).isEqualTo("lb1");

                    master.stop();
                    await().atMost(Duration.ofSeconds(10)).until(() -> lab.holds(b, VIP) && !lab.holds(a, VIP));
                    await().atMost(Duration.ofSeconds(10)).until(() -> Lab.tryRun(client.split(" ")).strip().equals("lb2"));
                    assertThat(slave.log()).contains("(linuxfr) Entering MASTER STATE");
                }
            } finally {
                sa.destroy();
                sb.destroy();
                sa.waitFor();
                sb.waitFor();
            }
        }
    }
}
