package org.bascule.vrrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact agreement with adverts captured from keepalived 2.2.7 (see the resource folder for
 * the configurations that produced them): decoding gives what the configuration says, and
 * encoding that advert again gives keepalived's octets, checksum included.
 */
class KeepalivedCaptureTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static Received decodeIpv4(String name) {
        DecodeResult r = VrrpCodec.decodeIpv4(ByteBuffer.wrap(Captures.get(name)));
        assertThat(r).isInstanceOf(Received.class);
        return (Received) r;
    }

    /** An IPv6 capture: the fixed header gives source, destination and hop limit. */
    private static Received decodeIpv6(String name) throws Exception {
        byte[] p = Captures.get(name);
        InetAddress src = InetAddress.getByAddress(Arrays.copyOfRange(p, 8, 24));
        InetAddress dst = InetAddress.getByAddress(Arrays.copyOfRange(p, 24, 40));
        DecodeResult r = VrrpCodec.decode(src, dst, p[7] & 0xFF, ByteBuffer.wrap(p, 40, p.length - 40));
        assertThat(r).isInstanceOf(Received.class);
        return (Received) r;
    }

    @Test
    void v2AdvertWithSimplePassword() throws Exception {
        Received r = decodeIpv4("v2-master-prio150");
        VrrpAdvert a = r.advert();
        assertThat(a.version()).isEqualTo(VrrpVersion.V2);
        assertThat(a.vrid()).isEqualTo(51);
        assertThat(a.priority()).isEqualTo(150);
        assertThat(a.advertInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(a.addresses()).containsExactly(ip("10.77.50.100"), ip("10.77.50.101"));
        assertThat(a.auth()).isEqualTo(AdvertAuth.SimpleText.of("secret12"));
        assertThat(r.source()).isEqualTo(ip("10.77.50.1"));
        assertThat(r.destination()).isEqualTo(ip("224.0.0.18"));
        assertThat(r.ttl()).isEqualTo(255);
    }

    @Test
    void v2ShutdownAdvertHasPriorityZero() {
        assertThat(decodeIpv4("v2-shutdown-prio0").advert().priority()).isZero();
    }

    @Test
    void v3Ipv4AdvertCountsCentiseconds() throws Exception {
        VrrpAdvert a = decodeIpv4("v3-ipv4-prio120-50cs").advert();
        assertThat(a.version()).isEqualTo(VrrpVersion.V3);
        assertThat(a.vrid()).isEqualTo(52);
        assertThat(a.priority()).isEqualTo(120);
        assertThat(a.advertInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.advertIntervalField()).isEqualTo(50);
        assertThat(a.addresses()).containsExactly(ip("10.77.50.110"));
        assertThat(a.auth()).isEqualTo(new AdvertAuth.None());
    }

    @Test
    void v3Ipv6AdvertFromLinkLocalToFf02_12() throws Exception {
        Received r = decodeIpv6("v3-ipv6-prio200-100cs");
        VrrpAdvert a = r.advert();
        assertThat(a.vrid()).isEqualTo(53);
        assertThat(a.priority()).isEqualTo(200);
        assertThat(a.advertInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(a.addresses()).containsExactly(ip("2001:db8:50::100"), ip("2001:db8:50::101"));
        assertThat(r.source()).isEqualTo(ip("fe80::77:ff:fe00:1"));
        assertThat(r.destination()).isEqualTo(ip("ff02::12"));
        assertThat(decodeIpv6("v3-ipv6-shutdown-prio0").advert().priority()).isZero();
    }

    @Test
    void reEncodingGivesKeepalivedsOctets() throws Exception {
        for (String name : List.of("v2-master-prio150", "v2-master-prio150-id2", "v2-shutdown-prio0",
                "v3-ipv4-prio120-50cs", "v3-ipv4-shutdown-prio0")) {
            byte[] packet = Captures.get(name);
            Received r = decodeIpv4(name);
            int id = ((packet[4] & 0xFF) << 8) | (packet[5] & 0xFF);
            byte[] ours = VrrpCodec.encodeIpv4(r.advert(), (Inet4Address) r.source(), (Inet4Address) r.destination(), id);
            assertThat(ours).as(name).isEqualTo(packet);
        }
        for (String name : List.of("v3-ipv6-prio200-100cs", "v3-ipv6-shutdown-prio0")) {
            byte[] packet = Captures.get(name);
            Received r = decodeIpv6(name);
            assertThat(VrrpCodec.encode(r.advert(), r.source(), r.destination()))
                    .as(name).isEqualTo(Arrays.copyOfRange(packet, 40, packet.length));
        }
    }

    @Test
    void v3ChecksumCoversThePseudoHeaderButV2DoesNot() throws Exception {
        // RFC 3768 §5.3.8 vs RFC 5798 §5.2.8: the same v3 message from another source no
        // longer verifies; a v2 one still does.
        byte[] v3 = Arrays.copyOfRange(Captures.get("v3-ipv4-prio120-50cs"), 20, 32);
        assertThat(VrrpCodec.decode(ip("10.77.50.9"), ip("224.0.0.18"), 255, ByteBuffer.wrap(v3)))
                .isInstanceOfSatisfying(Rejected.class, rj -> assertThat(rj.reason()).isInstanceOf(DropReason.BadChecksum.class));
        byte[] v2 = Arrays.copyOfRange(Captures.get("v2-master-prio150"), 20, 44);
        assertThat(VrrpCodec.decode(ip("10.77.50.9"), ip("224.0.0.18"), 255, ByteBuffer.wrap(v2))).isInstanceOf(Received.class);
    }
}
