package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw protocol-112 sockets in two namespaces joined by a veth pair: what one sends to the VRRP
 * group the other receives, with TTL 255 and the arriving interface, as keepalived's peers do.
 */
class RawSocketTest {

    private static final byte[] ADVERT = {0x21, 0x33, 0x64, 0x01, 0x00, 0x01, 0x00, 0x00, 10, 77, 1, 100};

    private NetnsLab lab;
    private String a;
    private String b;

    @BeforeEach
    void network() {
        lab = NetnsLab.open("raw");
        a = lab.namespace("a");
        b = lab.namespace("b");
        lab.veth(a, "va", b, "vb");
        lab.ip(a, "addr", "add", "10.77.1.1/24", "dev", "va");
        lab.ip(b, "addr", "add", "10.77.1.2/24", "dev", "vb");
        lab.ip(a, "addr", "add", "2001:db8:1::1/64", "dev", "va", "nodad");
        lab.ip(b, "addr", "add", "2001:db8:1::2/64", "dev", "vb", "nodad");
    }

    @AfterEach
    void cleanUp() {
        lab.close();
    }

    private static RawSocket vrrpSocket(IpFamily family, String ifname, String group) throws Exception {
        RawSocket s = RawSocket.open(family, IpProtocol.VRRP);
        int index = s.bindToDevice(ifname);
        s.setTtl(255);
        s.setTrafficClass(0xc0);
        s.setMulticastLoop(false);
        s.setMulticastInterface(index);
        s.joinGroup(InetAddress.getByName(group), index);
        return s;
    }

    @Test
    void ipv4MulticastAdvertCrossesTheVethWithTtl255() throws Exception {
        try (RawSocket sender = NetworkNamespace.call(a, () -> vrrpSocket(IpFamily.INET, "va", "224.0.0.18"));
             RawSocket receiver = NetworkNamespace.call(b, () -> vrrpSocket(IpFamily.INET, "vb", "224.0.0.18"))) {
            int vbIndex = receiver.interfaceIndex("vb");
            sender.send(ADVERT, InetAddress.getByName("224.0.0.18"));

            Optional<RawDatagram> got = receiver.receive(Duration.ofSeconds(5));

            assertThat(got).isPresent();
            RawDatagram d = got.get();
            assertThat(d.payload()).containsExactly(ADVERT);
            assertThat(d.source()).isEqualTo(InetAddress.getByName("10.77.1.1"));
            assertThat(d.destination()).isEqualTo(InetAddress.getByName("224.0.0.18"));
            assertThat(d.ttl()).isEqualTo(255);
            assertThat(d.interfaceIndex()).isEqualTo(vbIndex);
            assertThat(d.trafficClass()).as("TOS like keepalived's").isEqualTo(0xc0);
        }
    }

    @Test
    void ipv6MulticastAdvertCrossesTheVethWithHopLimit255() throws Exception {
        // VRRPv3 over IPv6: the kernel fills the checksum at offset 6 (RFC 5798 section 5.2.8)
        try (RawSocket sender = NetworkNamespace.call(a, () -> vrrpSocket(IpFamily.INET6, "va", "ff02::12"));
             RawSocket receiver = NetworkNamespace.call(b, () -> vrrpSocket(IpFamily.INET6, "vb", "ff02::12"))) {
            sender.setChecksumOffset(6);
            receiver.setChecksumOffset(6);
            int vbIndex = receiver.interfaceIndex("vb");
            byte[] advert = {0x31, 0x33, 0x64, 0x01, 0x00, 0x64, 0x00, 0x00};
            sender.send(advert, InetAddress.getByName("ff02::12"));

            RawDatagram d = receiver.receive(Duration.ofSeconds(5)).orElseThrow();

            assertThat(d.ttl()).isEqualTo(255);
            assertThat(d.interfaceIndex()).isEqualTo(vbIndex);
            assertThat(d.trafficClass()).isEqualTo(0xc0);
            assertThat(d.destination()).isEqualTo(InetAddress.getByName("ff02::12"));
            // the link-local address is still in DAD right after the veth came up, so the kernel
            // may pick the global one: VRRP binds its source explicitly (RFC 5798 section 5.1.2.1)
            assertThat(d.source().isLinkLocalAddress() || d.source().equals(InetAddress.getByName("2001:db8:1::1")))
                    .as("source %s", d.source()).isTrue();
            assertThat(d.payload()).hasSize(8);
            assertThat(d.payload()[6] | d.payload()[7]).as("checksum written by the kernel").isNotZero();
        }
    }

    @Test
    void unicastToAPeerAddressArrives() throws Exception {
        try (RawSocket sender = NetworkNamespace.call(a, () -> {
                 RawSocket s = RawSocket.open(IpFamily.INET, IpProtocol.VRRP);
                 s.bindToDevice("va");
                 s.bind(InetAddress.getByName("10.77.1.1"));
                 s.setTtl(255);
                 return s;
             });
             RawSocket receiver = NetworkNamespace.call(b, () -> RawSocket.open(IpFamily.INET, IpProtocol.VRRP))) {
            sender.send(ADVERT, InetAddress.getByName("10.77.1.2"));

            RawDatagram d = receiver.receive(Duration.ofSeconds(5)).orElseThrow();

            assertThat(d.destination()).isEqualTo(InetAddress.getByName("10.77.1.2"));
            assertThat(d.source()).isEqualTo(InetAddress.getByName("10.77.1.1"));
            assertThat(d.ttl()).isEqualTo(255);
        }
    }

    @Test
    void receiveTimesOutAndCloseWakesAWaitingReader() throws Exception {
        try (RawSocket s = NetworkNamespace.call(a, () -> RawSocket.open(IpFamily.INET, IpProtocol.VRRP))) {
            long start = System.nanoTime();
            assertThat(s.receive(Duration.ofMillis(200))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));

            CompletableFuture<Optional<RawDatagram>> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.receive(Duration.ofSeconds(30));
                } catch (OsException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // let the reader reach poll; the assertion below is bounded anyway
            long closing = System.nanoTime();
            s.close();
            assertThat(reader.get(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void readersOnVirtualThreadsDoNotStallOtherVirtualThreads() throws Exception {
        // more waiting readers than carrier threads: if a wait pinned its carrier, the ticker
        // below would stall until the readers' 2 s timeouts
        int readers = Runtime.getRuntime().availableProcessors() * 2;
        try (RawSocket s = NetworkNamespace.call(a, () -> RawSocket.open(IpFamily.INET, IpProtocol.VRRP));
             var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < readers; i++) {
                executor.submit(() -> s.receive(Duration.ofSeconds(2)));
            }
            Thread.sleep(100);
            long start = System.nanoTime();
            var ticker = executor.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(5);
                }
                return System.nanoTime() - start;
            });
            assertThat(Duration.ofNanos(ticker.get(10, TimeUnit.SECONDS))).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void errorsNameTheCallAndTheErrno() throws Exception {
        try (RawSocket s = NetworkNamespace.call(a, () -> RawSocket.open(IpFamily.INET, IpProtocol.VRRP))) {
            assertThatThrownBy(() -> s.bindToDevice("nosuchif0"))
                    .isInstanceOf(OsException.class)
                    .hasMessageContaining("nosuchif0")
                    .hasMessageContaining("No such device");
            assertThatThrownBy(() -> s.bind(InetAddress.getByName("10.77.9.9")))
                    .isInstanceOf(OsException.class)
                    .hasMessageContaining("bind(10.77.9.9)")
                    .hasMessageContaining("Cannot assign requested address");
            assertThatThrownBy(() -> s.send(ADVERT, InetAddress.getByName("2001:db8::1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: an INET address");
        }
    }
}
