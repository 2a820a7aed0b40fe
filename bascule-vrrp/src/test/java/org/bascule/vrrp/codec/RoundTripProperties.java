package org.bascule.vrrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** decode(encode(a)) == a for every advert the record admits (STYLE.md rule 3). */
class RoundTripProperties {

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property
    void v2(@ForAll @IntRange(min = 1, max = 255) int vrid, @ForAll @IntRange(max = 255) int priority,
            @ForAll @IntRange(min = 1, max = 255) int seconds, @ForAll @Size(max = 20) List<Integer> hosts,
            @ForAll @Size(8) byte[] password, @ForAll boolean withAuth) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int h : hosts) {
            addresses.add(address(new byte[] {10, 77, (byte) (h >> 8), (byte) h}));
        }
        AdvertAuth auth = withAuth ? new AdvertAuth.SimpleText(password) : new AdvertAuth.None();
        VrrpAdvert a = new VrrpAdvert(VrrpVersion.V2, vrid, priority, Duration.ofSeconds(seconds), addresses, auth);
        InetAddress src = address(new byte[] {10, 77, 0, 1});
        InetAddress dst = address(new byte[] {(byte) 224, 0, 0, 18});
        DecodeResult r = VrrpCodec.decode(src, dst, 255, ByteBuffer.wrap(VrrpCodec.encode(a, src, dst)));
        assertThat(r).isInstanceOfSatisfying(Received.class, got -> assertThat(got.advert()).isEqualTo(a));
    }

    @Property
    void v3(@ForAll @IntRange(min = 1, max = 255) int vrid, @ForAll @IntRange(max = 255) int priority,
            @ForAll @IntRange(min = 1, max = 4095) int centis, @ForAll @Size(max = 20) List<Integer> hosts,
            @ForAll boolean ipv6) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int h : hosts) {
            addresses.add(ipv6
                    ? address(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) (h >> 8), (byte) h})
                    : address(new byte[] {10, 77, (byte) (h >> 8), (byte) h}));
        }
        VrrpAdvert a = new VrrpAdvert(VrrpVersion.V3, vrid, priority, Duration.ofMillis(centis * 10L), addresses, new AdvertAuth.None());
        InetAddress src = ipv6 ? address(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                : address(new byte[] {10, 77, 0, 1});
        InetAddress dst = ipv6 ? address(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12})
                : address(new byte[] {(byte) 224, 0, 0, 18});
        DecodeResult r = VrrpCodec.decode(src, dst, 255, ByteBuffer.wrap(VrrpCodec.encode(a, src, dst)));
        assertThat(r).isInstanceOfSatisfying(Received.class, got -> assertThat(got.advert()).isEqualTo(a));
    }
}
