package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The frames and messages bascule-os writes itself, byte by byte (no kernel needed). */
class FramesTest {

    private static final MacAddress MAC = MacAddress.parse("02:00:5e:00:01:33");

    @Test
    void gratuitousArpIsKeepalivedsWhoHasVipTellVip() throws Exception {
        byte[] frame = GratuitousArp.frame(MAC, (Inet4Address) InetAddress.getByName("10.77.6.100"));
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo(
                "ffffffffffff" + "02005e000133" + "0806"  // broadcast, from the interface MAC, ARP
                + "0001" + "0800" + "06" + "04" + "0001"  // Ethernet/IPv4, request
                + "02005e000133" + "0a4d0664"              // sender: MAC, VIP
                + "ffffffffffff" + "0a4d0664");            // target: ff.. (as keepalived), VIP
    }

    @Test
    void neighbourAdvertHasTheFieldsOfRfc4861AndAValidChecksum() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8:6::100");
        byte[] f = NeighbourAdvert.unsolicited(MAC, vip, true);

        assertThat(f).hasSize(NeighbourAdvert.LENGTH);
        assertThat(HexFormat.of().formatHex(f, 0, 14)).isEqualTo("333300000001" + "02005e000133" + "86dd");
        assertThat(f[14] & 0xf0).as("IPv6").isEqualTo(0x60);
        assertThat(((f[18] & 0xff) << 8) | (f[19] & 0xff)).as("payload length").isEqualTo(32);
        assertThat(f[20]).as("next header ICMPv6").isEqualTo((byte) 58);
        assertThat(f[21] & 0xff).as("hop limit").isEqualTo(255);
        assertThat(Arrays.copyOfRange(f, 22, 38)).as("source: the VIP").isEqualTo(vip.getAddress());
        assertThat(Arrays.copyOfRange(f, 38, 54)).as("destination: all nodes")
                .isEqualTo(InetAddress.getByName("ff02::1").getAddress());
        assertThat(f[54] & 0xff).as("type NA").isEqualTo(136);
        assertThat(f[58] & 0xe0).as("R and O set, S clear").isEqualTo(0xa0);
        assertThat(Arrays.copyOfRange(f, 62, 78)).as("target").isEqualTo(vip.getAddress());
        assertThat(HexFormat.of().formatHex(f, 78, 86)).as("target link-layer address option").isEqualTo("0201" + "02005e000133");
        // a checksum over pseudo-header + message including the checksum field sums to zero
        long sum = InternetChecksum.add(0, f, 22, 32);
        sum += 32 + 58;
        sum = InternetChecksum.add(sum, f, 54, 32);
        assertThat(InternetChecksum.finish(sum)).isZero();
        assertThat(NeighbourAdvert.unsolicited(MAC, vip, false)[58] & 0xe0).isEqualTo(0x20);
    }

    @Test
    void icmpEchoRequestCarriesIdentifierSequenceAndChecksum() {
        byte[] v4 = IcmpEcho.request(true, 0x1234, 7);
        assertThat(v4[0]).isEqualTo((byte) 8);
        assertThat(HexFormat.of().formatHex(v4, 4, 8)).isEqualTo("12340007");
        assertThat(InternetChecksum.of(v4, 0, v4.length)).isZero();
        byte[] v6 = IcmpEcho.request(false, 0x1234, 7);
        assertThat(v6[0] & 0xff).isEqualTo(128);
        assertThat(v6[2] | v6[3]).as("left to the kernel").isZero();
    }

    @Test
    void internetChecksumMatchesRfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, checksum 220d
        byte[] data = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertThat(InternetChecksum.of(data, 0, data.length)).isEqualTo(0x220d);
        byte[] odd = HexFormat.of().parseHex("01");
        assertThat(InternetChecksum.of(odd, 0, 1)).isEqualTo(0xfeff);
    }

    @Test
    void macAddressesParseAndPrint() {
        assertThat(MAC.toString()).isEqualTo("02:00:5e:00:01:33");
        assertThat(MacAddress.parse("02-00-5E-00-01-33")).isEqualTo(MAC);
        assertThatThrownBy(() -> MacAddress.parse("02:00:5e:00:01")).hasMessageContaining("expected: six hex bytes");
        assertThatThrownBy(() -> new MacAddress(new byte[5])).hasMessageContaining("5 bytes (expected: 6)");
    }

    @Test
    void modelsRejectWhatTheKernelWouldWithAClearMessage() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.77.0.1");
        assertThatThrownBy(() -> LinkAddress.of(1, v4, 33)).hasMessage("prefix length: 33 (expected: 0-32)");
        assertThatThrownBy(() -> LinkAddress.of(0, v4, 24)).hasMessage("interface index: 0 (expected: > 0)");
        assertThatThrownBy(() -> LinkAddress.of(1, v4, 24).withLabel("a-very-long-label")).hasMessageContaining("label");
        assertThatThrownBy(() -> Route.to(v4, 24).via(InetAddress.getByName("2001:db8::1")))
                .hasMessageContaining("via: 2001:db8:0:0:0:0:0:1 (expected: an INET address");
        assertThat(AddressScope.parse("link")).isEqualTo(AddressScope.LINK);
        assertThat(AddressScope.parse("254")).isEqualTo(AddressScope.HOST);
        assertThat(AddressScope.parse("universe")).isEqualTo(AddressScope.GLOBAL);
        assertThatThrownBy(() -> AddressScope.parse("galaxy")).hasMessageContaining("scope: 'galaxy' (expected:");
        assertThat(RouteType.parse("blackhole")).isEqualTo(RouteType.BLACKHOLE);
        assertThat(Route.to(v4, 24).effectiveScope()).isEqualTo(AddressScope.LINK);
        assertThat(Route.to(v4, 24).via(InetAddress.getByName("10.77.0.254")).effectiveScope()).isEqualTo(AddressScope.GLOBAL);
        assertThatThrownBy(() -> NetworkNamespace.path("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
