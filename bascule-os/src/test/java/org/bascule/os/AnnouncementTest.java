package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gratuitous ARP and unsolicited neighbour advertisements sent from one namespace, judged by
 * the other: tcpdump decodes them, a packet socket receives them byte for byte, and the peer's
 * kernel replaces the stale MAC in its neighbour cache (which it does only for a well-formed
 * announcement with a valid checksum and hop limit 255).
 */
class AnnouncementTest {

    private NetnsLab lab;
    private String a;
    private String b;

    @BeforeEach
    void network() {
        lab = NetnsLab.open("ann");
        a = lab.namespace("a");
        b = lab.namespace("b");
        lab.veth(a, "va", b, "vb");
        lab.ip(a, "addr", "add", "10.77.6.1/24", "dev", "va");
        lab.ip(b, "addr", "add", "10.77.6.2/24", "dev", "vb");
        lab.ip(a, "addr", "add", "2001:db8:6::1/64", "dev", "va", "nodad");
        lab.ip(b, "addr", "add", "2001:db8:6::2/64", "dev", "vb", "nodad");
    }

    @AfterEach
    void cleanUp() {
        lab.close();
    }

    @Test
    void gratuitousArpIsSeenByTcpdumpAndUpdatesThePeersCache() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "needs tcpdump (Debian package tcpdump)");
        lab.ip(b, "neigh", "add", "10.77.6.100", "lladdr", "02:00:00:00:00:99", "dev", "vb", "nud", "stale");
        Inet4Address vip = (Inet4Address) InetAddress.getByName("10.77.6.100");
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", b, "tcpdump", "-i", "vb", "-n", "-e", "-l", "-c", "1", "arp")
                .redirectErrorStream(true).start();
        try (PacketSocket peer = NetworkNamespace.call(b, () -> PacketSocket.open("vb", PacketSocket.ETH_P_ARP));
             Rtnetlink nl = NetworkNamespace.call(a, Rtnetlink::open)) {
            MacAddress mac = nl.requireLink("va").mac().orElseThrow();
            waitForListening(tcpdump);
            try (PacketSocket sender = NetworkNamespace.call(a, () -> PacketSocket.open("va"))) {
                sender.send(GratuitousArp.frame(mac, vip));
            }

            Optional<byte[]> received = peer.receive(Duration.ofSeconds(5));
            assertThat(received).hasValue(GratuitousArp.frame(mac, vip));
            assertThat(tcpdump.waitFor(10, TimeUnit.SECONDS)).as("tcpdump saw one ARP frame").isTrue();
            String seen = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(seen).contains(mac + " > ff:ff:ff:ff:ff:ff").contains("Request who-has 10.77.6.100 (ff:ff:ff:ff:ff:ff) tell 10.77.6.100");
            assertThat(lab.ip(b, "neigh", "show", "10.77.6.100")).contains("lladdr " + mac);
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void unsolicitedNeighbourAdvertIsAcceptedByThePeersKernel() throws Exception {
        lab.ip(b, "neigh", "add", "2001:db8:6::100", "lladdr", "02:00:00:00:00:99", "dev", "vb", "nud", "stale");
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8:6::100");
        try (Rtnetlink nl = NetworkNamespace.call(a, Rtnetlink::open);
             PacketSocket peer = NetworkNamespace.call(b, () -> PacketSocket.open("vb", PacketSocket.ETH_P_IPV6))) {
            MacAddress mac = nl.requireLink("va").mac().orElseThrow();
            byte[] frame = NeighbourAdvert.unsolicited(mac, vip, false);
            try (PacketSocket sender = NetworkNamespace.call(a, () -> PacketSocket.open("va"))) {
                sender.send(frame);
            }

            byte[] got = awaitFrame(peer, f -> f.length == NeighbourAdvert.LENGTH && (f[54] & 0xff) == 136);
            assertThat(got).isEqualTo(frame);
            assertThat(got[21] & 0xff).as("hop limit").isEqualTo(255);
            assertThat(got[58] & 0xe0).as("flags R S O").isEqualTo(0x20);
            String neigh = lab.ip(b, "neigh", "show", "2001:db8:6::100");
            assertThat(neigh).contains("lladdr " + mac);
        }
    }

    private static byte[] awaitFrame(PacketSocket socket, java.util.function.Predicate<byte[]> wanted) throws OsException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> f = socket.receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isPresent() && wanted.test(f.get())) {
                return f.get();
            }
        }
        throw new AssertionError("no matching frame within 5 s");
    }

    /** tcpdump prints "listening on" once its capture is open; read that line first (bounded). */
    private static void waitForListening(Process tcpdump) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        StringBuilder line = new StringBuilder();
        var in = tcpdump.getInputStream();
        while (System.nanoTime() < deadline) {
            if (in.available() > 0) {
                int c = in.read();
                if (c == '\n') {
                    if (line.toString().contains("listening on")) {
                        return;
                    }
                    line.setLength(0);
                } else if (c >= 0) {
                    line.append((char) c);
                }
            } else {
                Thread.sleep(10);
            }
        }
        throw new AssertionError("tcpdump did not start within 10 s: " + line);
    }
}
