package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bascule.l4.table.L4Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** glibc inet_ntop's IPv6 text (RFC 5952 plus its IPv4 tail) and addrport_to_anyname. */
class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "0:0:0:0:0:0:0:0,                         ::",
            "0:0:0:0:0:0:0:1,                         ::1",
            "1:0:0:0:0:0:0:0,                         1::",
            "1:0:0:2:0:0:0:3,                         1:0:0:2::3",
            "1:0:0:2:0:0:3:4,                         1::2:0:0:3:4",
            "1:0:2:3:4:5:6:7,                         1:0:2:3:4:5:6:7",
            "fe80:0:0:0:abcd:0:0:1,                   fe80::abcd:0:0:1",
            "0:0:0:0:0:0:102:304,                     ::1.2.3.4",
            "0:0:0:0:0:ffff:102:304,                  ::ffff:1.2.3.4",
            "0:0:0:0:1:ffff:102:304,                  ::1:ffff:102:304",
            "2001:DB8:ABCD:0:0:0:0:FFFF,              2001:db8:abcd::ffff"})
    void ntop6LikeGlibc(String full, String expected) {
        assertThat(AddressText.ntop6(bytes(full))).isEqualTo(expected);
    }

    @Property
    void ntop6ParsesBackToTheSameBytes(@ForAll("addresses") byte[] address) {
        InetAddress parsed = InetAddress.ofLiteral(AddressText.ntop6(address));
        byte[] back = parsed instanceof Inet4Address v4 ? mapped(v4) : parsed.getAddress();
        assertThat(back).isEqualTo(address);
    }

    @Provide
    Arbitrary<byte[]> addresses() {
        // Mostly zero bytes, so runs of zero groups of every length occur.
        return Arbitraries.bytes().map(b -> b % 3 == 0 ? b : (byte) 0).array(byte[].class).ofSize(16);
    }

    @ParameterizedTest
    @CsvSource({"192.168.10.9, 80, 192.168.10.9:80", "2001:db8::a, 8080, [2001:db8::a]:8080"})
    void numericAddrPort(String ip, int port, String expected) {
        assertThat(AddressText.addrPort(InetAddress.ofLiteral(ip), port, Optional.of(L4Protocol.TCP), true, IpvsadmFixtures.NAMES))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "192.168.10.9, 80, TCP, www.example.com:http",
            "192.168.10.9, 80, UDP, www.example.com:80",
            "192.168.10.85, 443, TCP, 192.168.10.85:https",
            "2001:db8::10, 8080, TCP, [v6.example.com]:8080",
            "2001:db8::a, 443, TCP, [2001:db8::a]:https"})
    void namedAddrPort(String ip, int port, L4Protocol protocol, String expected) {
        assertThat(AddressText.addrPort(InetAddress.ofLiteral(ip), port, Optional.of(protocol), false, IpvsadmFixtures.NAMES))
                .isEqualTo(expected);
    }

    @Test
    void addrPortStopsAtFiftyNineCharactersAsIpvsadmsBuffer() {
        NameResolver longName = new IpvsadmFixtures.FixedNames(
                Map.of("2001:db8::1", "x".repeat(70)), ServicesFile.empty());
        assertThat(AddressText.addrPort(InetAddress.ofLiteral("2001:db8::1"), 80, Optional.empty(), false, longName))
                .isEqualTo("[" + "x".repeat(58));
    }

    private static byte[] bytes(String full) {
        String[] groups = full.split(":");
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            int w = Integer.parseInt(groups[i], 16);
            b[2 * i] = (byte) (w >> 8);
            b[2 * i + 1] = (byte) w;
        }
        return b;
    }

    private static byte[] mapped(Inet4Address v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        return b;
    }
}
