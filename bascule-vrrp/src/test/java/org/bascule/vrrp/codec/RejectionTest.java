package org.bascule.vrrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every defect RFC 5798 §7.1 lists is a typed drop reason naming the peer and the field, mapped
 * to a keepalived-style counter; nothing throws.
 */
class RejectionTest {

    private static final InetAddress PEER = addr("10.77.50.1");
    private static final InetAddress GROUP = addr("224.0.0.18");

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] v2() {
        return Arrays.copyOfRange(Captures.get("v2-master-prio150"), 20, 44);
    }

    private static byte[] v3() {
        return Arrays.copyOfRange(Captures.get("v3-ipv4-prio120-50cs"), 20, 32);
    }

    private static Rejected rejected(byte[] m, int ttl) {
        DecodeResult r = VrrpCodec.decode(PEER, GROUP, ttl, ByteBuffer.wrap(m));
        assertThat(r).isInstanceOf(Rejected.class);
        Rejected rj = (Rejected) r;
        assertThat(rj.peer()).isEqualTo(PEER);
        assertThat(rj.message()).startsWith("VRRP advert from 10.77.50.1 dropped: " + rj.reason().field() + ": ");
        return rj;
    }

    /** Recomputes the checksum after a change, so only the intended defect remains. */
    private static byte[] resum(VrrpVersion v, byte[] m) {
        m[6] = 0;
        m[7] = 0;
        int sum = VrrpCodec.checksum(v, PEER, GROUP, m);
        m[6] = (byte) (sum >> 8);
        m[7] = (byte) sum;
        return m;
    }

    @Test
    void ttlNot255() {
        Rejected r = rejected(v2(), 254);
        assertThat(r.reason()).isEqualTo(new DropReason.BadTtl(254, false));
        assertThat(r.message()).isEqualTo("VRRP advert from 10.77.50.1 dropped: ttl: 254 (expected: 255)");
        assertThat(r.reason().counter()).isEqualTo(DropCounter.IP_TTL_ERRORS);
    }

    @Test
    void hopLimitNot255OverIpv6() {
        DecodeResult r = VrrpCodec.decode(addr("fe80::1"), addr("ff02::12"), 1, ByteBuffer.wrap(v3()));
        assertThat(((Rejected) r).reason().describe()).isEqualTo("hop limit: 1 (expected: 255)");
    }

    @Test
    void truncatedAtEveryLength() {
        byte[] full = v2();
        for (int n = 0; n < full.length; n++) {
            Rejected r = rejected(Arrays.copyOf(full, n), 255);
            assertThat(r.reason()).isInstanceOf(DropReason.Truncated.class);
            assertThat(r.reason().counter()).isEqualTo(DropCounter.PACKET_LENGTH_ERRORS);
        }
    }

    @Test
    void trailingOctetsAreACountMismatch() {
        byte[] m = Arrays.copyOf(v3(), 16);
        assertThat(rejected(m, 255).reason()).isEqualTo(new DropReason.AddressCountMismatch(1, 16, 12));
    }

    @Test
    void wrongChecksum() {
        byte[] m = v2();
        m[7] ^= 1;
        Rejected r = rejected(m, 255);
        assertThat(r.reason()).isEqualTo(new DropReason.BadChecksum(0x60e6, 0x60e7));
        assertThat(r.reason().describe()).isEqualTo("checksum: 0x60e6 (expected: 0x60e7)");
    }

    @Test
    void unknownVersionAndType() {
        byte[] m = v2();
        m[0] = 0x41;
        assertThat(rejected(m, 255).reason()).isEqualTo(new DropReason.BadVersion(4, "2 or 3"));
        m = v2();
        m[0] = 0x22;
        assertThat(rejected(resum(VrrpVersion.V2, m), 255).reason()).isEqualTo(new DropReason.BadType(2));
    }

    @Test
    void v2OverIpv6IsAVersionError() {
        DecodeResult r = VrrpCodec.decode(addr("fe80::1"), addr("ff02::12"), 255, ByteBuffer.wrap(v2()));
        assertThat(((Rejected) r).reason()).isInstanceOf(DropReason.BadVersion.class);
    }

    @Test
    void undefinedAuthTypeAndZeroInterval() {
        byte[] m = v2();
        m[4] = 7;
        DropReason r = rejected(resum(VrrpVersion.V2, m), 255).reason();
        assertThat(r.describe()).isEqualTo("auth type: 7 (expected: 0, 1 or 2)");
        assertThat(r.counter()).isEqualTo(DropCounter.INVALID_AUTH_TYPE);
        m = v2();
        m[5] = 0;
        assertThat(rejected(resum(VrrpVersion.V2, m), 255).reason().counter()).isEqualTo(DropCounter.ADVERT_INTERVAL_ERRORS);
    }

    @Test
    void ipv4HeaderChecks() {
        byte[] p = Captures.get("v2-master-prio150");
        p[9] = 17;
        Rejected r = (Rejected) VrrpCodec.decodeIpv4(ByteBuffer.wrap(p));
        assertThat(r.message()).isEqualTo("VRRP advert from 10.77.50.1 dropped: ip protocol: 17 (expected: 112)");
        p = Captures.get("v2-master-prio150");
        p[8] = 64;
        assertThat(((Rejected) VrrpCodec.decodeIpv4(ByteBuffer.wrap(p))).reason()).isEqualTo(new DropReason.BadTtl(64, false));
        p = Captures.get("v2-master-prio150");
        assertThat(VrrpCodec.decodeIpv4(ByteBuffer.wrap(p, 0, 30))).isInstanceOf(Rejected.class);
        assertThat(VrrpCodec.decodeIpv4(ByteBuffer.wrap(p, 0, 10))).isInstanceOf(Rejected.class);
    }

    @Test
    void instanceFilterChecksVridAuthVersionAndInterval() {
        VrrpAdvert a = ((Received) VrrpCodec.decode(PEER, GROUP, 255, ByteBuffer.wrap(v2()))).advert();
        AdvertAuth pass = AdvertAuth.SimpleText.of("secret12");
        Duration second = Duration.ofSeconds(1);
        assertThat(new AdvertFilter(VrrpVersion.V2, 51, pass, second).check(a)).isEmpty();
        assertThat(new AdvertFilter(VrrpVersion.V2, 52, pass, second).check(a))
                .hasValue(new DropReason.WrongVrid(51, "52"));
        assertThat(new AdvertFilter(VrrpVersion.V2, 51, AdvertAuth.SimpleText.of("other"), second).check(a))
                .hasValue(new DropReason.AuthFailure());
        assertThat(new AdvertFilter(VrrpVersion.V2, 51, new AdvertAuth.None(), second).check(a))
                .hasValue(new DropReason.AuthTypeMismatch(1, 0));
        assertThat(new AdvertFilter(VrrpVersion.V2, 51, pass, Duration.ofSeconds(2)).check(a))
                .hasValue(new DropReason.IntervalMismatch(1, 2));
        assertThat(new AdvertFilter(VrrpVersion.V3, 51, new AdvertAuth.None(), second).check(a))
                .hasValue(new DropReason.BadVersion(2, "3"));
        // The password never reaches a message.
        assertThat(new DropReason.AuthFailure().describe()).doesNotContain("secret12");
        assertThat(a.auth().toString()).doesNotContain("secret12");
    }
}
