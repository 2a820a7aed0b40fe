package org.bascule.l7.proxyproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte vectors from proxy-protocol.txt's examples and their mirror images. */
class ProxyHeaderCodecTest {

    private static final ProxyHeader.Proxied V4 = new ProxyHeader.Proxied(new InetSocketAddress("192.168.0.1", 56324),
            new InetSocketAddress("192.168.0.11", 443));
    private static final ProxyHeader.Proxied V6 = new ProxyHeader.Proxied(new InetSocketAddress("2001:db8::1", 56324),
            new InetSocketAddress("2001:db8::11", 443));

    @Test
    void v1TextIsTheSpecsExample() {
        assertThat(new String(ProxyHeaderCodec.encodeV1(V4), StandardCharsets.US_ASCII))
                .isEqualTo("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n");
        assertThat(new String(ProxyHeaderCodec.encodeV1(V6), StandardCharsets.US_ASCII))
                .isEqualTo("PROXY TCP6 2001:db8::1 2001:db8::11 56324 443\r\n");
        assertThat(ProxyHeaderCodec.decodeV1("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n".getBytes())).isEqualTo(V4);
        assertThat(ProxyHeaderCodec.decodeV1("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n".getBytes())).isEqualTo(new ProxyHeader.Local());
    }

    @Test
    void v2BytesFieldByField() {
        byte[] h = ProxyHeaderCodec.encodeV2(V4);
        assertThat(HexFormat.of().formatHex(h)).isEqualTo(
                "0d0a0d0a000d0a515549540a" // signature
                        + "21" // version 2, command PROXY
                        + "11" // AF_INET, STREAM
                        + "000c" // 12 bytes of addresses
                        + "c0a80001" + "c0a8000b" // 192.168.0.1 -> 192.168.0.11
                        + "dc04" + "01bb"); // 56324 -> 443
        assertThat(ProxyHeaderCodec.decodeV2(h)).isEqualTo(V4);
        assertThat(ProxyHeaderCodec.decodeV2(ProxyHeaderCodec.encodeV2(V6))).isEqualTo(V6);
        assertThat(ProxyHeaderCodec.decodeV2(ProxyHeaderCodec.encodeV2(new ProxyHeader.Local()))).isEqualTo(new ProxyHeader.Local());
    }

    @Test
    void v2TlvsAreSkipped() {
        byte[] base = ProxyHeaderCodec.encodeV2(V4);
        byte[] withTlv = new byte[base.length + 7];
        System.arraycopy(base, 0, withTlv, 0, base.length);
        withTlv[15] = (byte) (12 + 7);
        System.arraycopy(new byte[] {0x02, 0x00, 0x04, 'h', 'o', 's', 't'}, 0, withTlv, base.length, 7); // PP2_TYPE_AUTHORITY
        assertThat(ProxyHeaderCodec.decodeV2(withTlv)).isEqualTo(V4);
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> ProxyHeaderCodec.decodeV1("PROXY TCP4 1.2.3.4 5.6.7.8 65536 80\r\n".getBytes()))
                .hasMessage("v1 source port: '65536' (expected: 0-65535 without leading zeros)");
        assertThatThrownBy(() -> ProxyHeaderCodec.decodeV1("PROXY TCP5 1.2.3.4 5.6.7.8 1 80\r\n".getBytes()))
                .hasMessage("v1 protocol: 'TCP5' (expected: TCP4, TCP6 or UNKNOWN)");
        assertThatThrownBy(() -> ProxyHeaderCodec.decodeV1("PROXY TCP4 ::1 5.6.7.8 1 80\r\n".getBytes()))
                .hasMessage("v1 source address: '::1' (expected: an IPv4 address)");
        byte[] v2 = ProxyHeaderCodec.encodeV2(V4);
        v2[12] = 0x31;
        assertThatThrownBy(() -> ProxyHeaderCodec.decodeV2(v2)).hasMessage("v2 version: 3 (expected: 2)");
    }

    @Test
    void framerWaitsForWholeHeadersAndBoundsV1() {
        var buf = Unpooled.buffer();
        buf.writeBytes("PROXY TCP4 1.2.3.4 ".getBytes());
        assertThat(ProxyHeaderFramer.frame(buf)).isNull();
        buf.writeBytes("5.6.7.8 1 2\r\nGET /".getBytes());
        assertThat(new String(ProxyHeaderFramer.frame(buf))).isEqualTo("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n");
        assertThat(buf.readableBytes()).isEqualTo(5);
        var tooLong = Unpooled.wrappedBuffer(("PROXY " + "x".repeat(200)).getBytes());
        assertThatThrownBy(() -> ProxyHeaderFramer.frame(tooLong)).hasMessageContaining("no LF in 108 bytes");
        var http = Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes());
        assertThatThrownBy(() -> ProxyHeaderFramer.frame(http)).hasMessageContaining("expected: 'PROXY ' or the v2 signature");
    }
}
