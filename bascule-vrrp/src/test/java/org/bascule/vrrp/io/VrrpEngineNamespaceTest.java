package org.bascule.vrrp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bascule.os.IpFamily;
import org.bascule.os.IpProtocol;
import org.bascule.os.NetworkNamespace;
import org.bascule.os.PacketSocket;
import org.bascule.os.RawSocket;
import org.bascule.vrrp.codec.AdvertAuth;
import org.bascule.vrrp.codec.VrrpAdvert;
import org.bascule.vrrp.codec.VrrpCodec;
import org.bascule.vrrp.codec.VrrpVersion;
import org.bascule.vrrp.fsm.GarpPlan;
import org.bascule.vrrp.fsm.InstanceSpec;
import org.bascule.vrrp.fsm.VrrpRole;
import org.bascule.vrrp.notify.NotifyScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine in-process in a network namespace of its own, over the real kernel: it becomes
 * master, adds the VIP and announces it with gratuitous ARP; bad adverts from a peer namespace
 * (bad checksum, wrong password, wrong VRID, TTL 64, truncated, wrong version, wrong interval),
 * all with a priority that would win, are dropped and counted and never change its state; the
 * same advert well formed makes it step down and remove the VIP.
 */
class VrrpEngineNamespaceTest {

    private static final String VIP = "10.77.63.100";
    private final String id = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    private final String nsA = "bve" + id + "a";
    private final String nsB = "bve" + id + "b";
    private VrrpEngine engine;

    private static String ip(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "/usr/sbin/ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": still running after 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    @BeforeEach
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: network namespaces and raw sockets");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")), "needs iproute2's ip to build the namespaces");
        ip("netns", "add", nsA);
        ip("netns", "add", nsB);
        ip("link", "add", "va" + id, "type", "veth", "peer", "name", "vb" + id);
        ip("link", "set", "va" + id, "netns", nsA);
        ip("link", "set", "vb" + id, "netns", nsB);
        ip("-n", nsA, "link", "set", "va" + id, "name", "eth0");
        ip("-n", nsB, "link", "set", "vb" + id, "name", "eth0");
        ip("-n", nsA, "addr", "add", "10.77.63.1/24", "dev", "eth0");
        ip("-n", nsB, "addr", "add", "10.77.63.2/24", "dev", "eth0");
        ip("-n", nsA, "link", "set", "eth0", "up");
        ip("-n", nsB, "link", "set", "eth0", "up");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        for (String ns : List.of(nsA, nsB)) {
            try {
                ip("netns", "del", ns);
            } catch (IOException e) {
                // Never made: the test was skipped.
            }
        }
    }

    private static InstanceConfig instance(NotifyScripts notify) throws Exception {
        InstanceSpec spec = new InstanceSpec("VI_T", VrrpVersion.V2, 42, 200, Duration.ofSeconds(1), true, Duration.ZERO,
                InetAddress.getByName("0.0.0.0"), new GarpPlan(3, Duration.ZERO, Duration.ZERO, 1, Duration.ZERO, 0));
        VirtualAddress vip = new VirtualAddress(InetAddress.getByName(VIP), 24, "eth0", 0, Optional.of("eth0:vip"));
        return new InstanceConfig(spec, "eth0", false, Optional.empty(), InetAddress.getByName("224.0.0.18"), List.of(),
                AdvertAuth.SimpleText.of("pw"), List.of(vip), List.of(), List.of(), List.of(new TrackRef.File("maint", 0, false)), false,
                notify, false);
    }

    private static byte[] advert(int version, int vrid, int priority, int interval, String password) throws Exception {
        VrrpAdvert a = version == 2
                ? new VrrpAdvert(VrrpVersion.V2, vrid, priority, Duration.ofSeconds(interval), List.of(InetAddress.getByName(VIP)),
                        AdvertAuth.SimpleText.of(password))
                : new VrrpAdvert(VrrpVersion.V3, vrid, priority, Duration.ofSeconds(interval), List.of(InetAddress.getByName(VIP)),
                        new AdvertAuth.None());
        return VrrpCodec.encode(a, InetAddress.getByName("10.77.63.2"), InetAddress.getByName("224.0.0.18"));
    }

    private boolean holdsVip() throws Exception {
        return ip("-n", nsA, "-o", "addr", "show", "dev", "eth0").contains(" " + VIP + "/24");
    }

    @Test
    void badAdvertsAreCountedAndChangeNothingAGoodOneDoes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path notified = dir.resolve("notified");
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + notified + "\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path maint = dir.resolve("maint");
        Files.writeString(maint, "0\n");
        NotifyScripts notify = new NotifyScripts(Optional.of(script + " became-master"), Optional.empty(), Optional.of(script + " fault"),
                Optional.empty(), Optional.of(script.toString()), Optional.of(script + " lower-priority"));
        PacketSocket arp = NetworkNamespace.call(nsB, () -> PacketSocket.open("eth0", PacketSocket.ETH_P_ARP));
        RawSocket peer = NetworkNamespace.call(nsB, () -> {
            RawSocket s = RawSocket.open(IpFamily.INET, IpProtocol.VRRP);
            s.bindToDevice("eth0");
            s.setTtl(255);
            return s;
        });
        RawSocket lowTtl = NetworkNamespace.call(nsB, () -> {
            RawSocket s = RawSocket.open(IpFamily.INET, IpProtocol.VRRP);
            s.bindToDevice("eth0");
            s.setTtl(64);
            return s;
        });
        try (arp; peer; lowTtl) {
            VrrpSetup setup = new VrrpSetup(List.of(instance(notify)), List.of(), List.of(), List.of(new FileCheck("maint", maint)),
                    Optional.empty());
            engine = NetworkNamespace.call(nsA, () -> VrrpEngine.start(setup, OsVrrpNetwork.open()));
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.role("VI_T") == VrrpRole.MASTER);
            await().atMost(Duration.ofSeconds(5)).until(this::holdsVip);

            // Gratuitous ARP on take-over: "who-has VIP tell VIP", broadcast (RFC 5227 §3).
            byte[] vip = InetAddress.getByName(VIP).getAddress();
            await().atMost(Duration.ofSeconds(5)).until(() -> arp.receive(Duration.ofMillis(500))
                    .filter(f -> f.length >= 42 && Arrays.equals(Arrays.copyOfRange(f, 28, 32), vip)
                            && Arrays.equals(Arrays.copyOfRange(f, 38, 42), vip)
                            && Arrays.equals(Arrays.copyOfRange(f, 0, 6), new byte[] {-1, -1, -1, -1, -1, -1}))
                    .isPresent());

            InetAddress group = InetAddress.getByName("224.0.0.18");
            byte[] badSum = advert(2, 42, 250, 1, "pw");
            badSum[7] ^= 0x55;
            peer.send(badSum, group);
            peer.send(advert(2, 42, 250, 1, "wrong"), group);
            peer.send(advert(2, 43, 250, 1, "pw"), group);
            lowTtl.send(advert(2, 42, 250, 1, "pw"), group);
            peer.send(Arrays.copyOf(advert(2, 42, 250, 1, "pw"), 5), group);
            peer.send(advert(3, 42, 250, 1, ""), group);
            peer.send(advert(2, 42, 250, 2, "pw"), group);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(engine.stats("VI_T"))
                    .containsEntry("checksum_errors", 1L).containsEntry("auth_failure", 1L).containsEntry("vrid_errors", 1L)
                    .containsEntry("ip_ttl_errors", 1L).containsEntry("packet_length_errors", 1L)
                    .containsEntry("version_errors", 1L).containsEntry("advert_interval_errors", 1L));
            assertThat(engine.stats("VI_T")).containsEntry("advert_rcvd", 0L);
            assertThat(engine.role("VI_T")).isEqualTo(VrrpRole.MASTER);
            assertThat(holdsVip()).isTrue();

            // A lower priority: the master stays, and notify_master_rx_lower_pri runs as written.
            peer.send(advert(2, 42, 100, 1, "pw"), group);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(notified) && Files.readAllLines(notified).contains("lower-priority"));
            assertThat(engine.role("VI_T")).isEqualTo(VrrpRole.MASTER);

            peer.send(advert(2, 42, 250, 1, "pw"), group);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.role("VI_T") == VrrpRole.BACKUP);
            await().atMost(Duration.ofSeconds(5)).until(() -> !holdsVip());
            assertThat(engine.stats("VI_T")).containsEntry("advert_rcvd", 2L).containsEntry("release_master", 1L);

            // track_file with weight 0: a non-zero value is a FAULT, zero again leaves it.
            Files.writeString(maint, "1\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.role("VI_T") == VrrpRole.FAULT);
            Files.writeString(maint, "0\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.role("VI_T") == VrrpRole.BACKUP);

            // notify_master, notify_fault and notify (with keepalived's four arguments), in order.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(notified)).containsSubsequence(
                    "INSTANCE VI_T BACKUP 200", "became-master", "INSTANCE VI_T MASTER 200", "INSTANCE VI_T BACKUP 200",
                    "fault", "INSTANCE VI_T FAULT 200", "INSTANCE VI_T BACKUP 200"));
        }
    }
}
