package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * keepalived 2.2.7 as the real peer: its VRRP adverts arrive on our raw socket with TTL 255 and
 * the group address, and the gratuitous ARP it sends on becoming master is byte for byte the
 * frame {@link GratuitousArp} builds.
 */
class KeepalivedInteropTest {

    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");

    private NetnsLab lab;
    private String a;
    private String b;
    private Path dir;
    private Process keepalived;

    @BeforeEach
    void network() throws Exception {
        lab = NetnsLab.open("ka");
        assumeTrue(Files.isExecutable(KEEPALIVED), "needs keepalived (Debian package keepalived)");
        a = lab.namespace("a");
        b = lab.namespace("b");
        lab.veth(a, "va", b, "vb");
        lab.ip(a, "addr", "add", "10.77.10.1/24", "dev", "va");
        lab.ip(b, "addr", "add", "10.77.10.2/24", "dev", "vb");
        dir = Files.createTempDirectory("bos-ka");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (keepalived != null) {
            keepalived.destroy(); // SIGTERM: keepalived stops its VRRP child itself
            if (!keepalived.waitFor(10, TimeUnit.SECONDS)) {
                keepalived.destroyForcibly();
            }
        }
        if (lab != null) {
            lab.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void keepalivedAdvertsArriveWithTtl255AndItsGarpIsOurFrame() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id bos-interop
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface va
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        10.77.10.100/24
                    }
                }
                """);
        try (RawSocket adverts = NetworkNamespace.call(b, () -> {
                 RawSocket s = RawSocket.open(IpFamily.INET, IpProtocol.VRRP);
                 int index = s.bindToDevice("vb");
                 s.joinGroup(InetAddress.getByName("224.0.0.18"), index);
                 return s;
             });
             PacketSocket arp = NetworkNamespace.call(b, () -> PacketSocket.open("vb", PacketSocket.ETH_P_ARP));
             Rtnetlink nl = NetworkNamespace.call(a, Rtnetlink::open)) {
            MacAddress mac = nl.requireLink("va").mac().orElseThrow();
            keepalived = new ProcessBuilder("ip", "netns", "exec", a, KEEPALIVED.toString(), "-n", "-l", "-P",
                    "-f", conf.toString(), "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keepalived.log").toFile()).start();

            RawDatagram advert = adverts.receive(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError(
                    "no advert from keepalived within 10 s; its log: " + log()));
            assertThat(advert.source()).isEqualTo(InetAddress.getByName("10.77.10.1"));
            assertThat(advert.destination()).isEqualTo(InetAddress.getByName("224.0.0.18"));
            assertThat(advert.ttl()).isEqualTo(255);
            assertThat(advert.trafficClass()).as("keepalived's TOS (LAB.md)").isEqualTo(0xc0);
            assertThat(advert.payload()[0]).as("VRRPv2 advertisement").isEqualTo((byte) 0x21);
            assertThat(advert.payload()[1] & 0xff).as("VRID").isEqualTo(51);
            assertThat(advert.payload()[2] & 0xff).as("priority").isEqualTo(150);

            byte[] expected = GratuitousArp.frame(mac, (Inet4Address) InetAddress.getByName("10.77.10.100"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<byte[]> garp = Optional.empty();
            while (garp.isEmpty() && System.nanoTime() < deadline) {
                garp = arp.receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                        .filter(f -> f.length >= 42 && Arrays.equals(Arrays.copyOfRange(f, 28, 32), new byte[] {10, 77, 10, 100}));
            }
            assertThat(garp).as("keepalived's gratuitous ARP; its log: %s", log()).isPresent();
            assertThat(Arrays.copyOf(garp.get(), 42)).isEqualTo(expected);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("keepalived.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
