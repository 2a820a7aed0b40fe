package org.bascule.l7.proxyproto;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes PROXY headers, versions 1 (text) and 2 (binary), as pure functions over
 * exact frames (proxy-protocol.txt). {@link ProxyHeaderFramer} finds the frame in a stream.
 */
public final class ProxyHeaderCodec {

    /** §2.2: the 12-byte v2 signature. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** §2.1: "the maximum line length is 107 bytes" plus... 108 with CRLF. */
    public static final int V1_MAX_LENGTH = 108;
    /** §2.2: 16-byte fixed part plus a 16-bit length. */
    public static final int V2_MAX_LENGTH = 16 + 65535;

    private ProxyHeaderCodec() {}

    // ---- v1 ----

    /** {@code PROXY TCP4 1.2.3.4 5.6.7.8 1234 80\r\n}. */
    public static byte[] encodeV1(ProxyHeader h) {
        String line = switch (h) {
            case ProxyHeader.Proxied p -> "PROXY " + (p.ipv4() ? "TCP4 " : "TCP6 ") + text(p.source().getAddress()) + " "
                    + text(p.destination().getAddress()) + " " + p.source().getPort() + " " + p.destination().getPort() + "\r\n";
            case ProxyHeader.Local l -> "PROXY UNKNOWN\r\n";
        };
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** Decodes one v1 line, {@code PROXY} through the CRLF included. */
    public static ProxyHeader decodeV1(byte[] frame) {
        if (frame.length > V1_MAX_LENGTH) {
            throw new ProxyHeaderException("v1 header length: " + frame.length + " (expected: <= " + V1_MAX_LENGTH + ")");
        }
        if (frame.length < 8 || frame[frame.length - 2] != '\r' || frame[frame.length - 1] != '\n') {
            throw new ProxyHeaderException("v1 header: no CRLF at the end (expected: 'PROXY ...\\r\\n')");
        }
        for (int i = 0; i < frame.length - 2; i++) {
            if (frame[i] < 0x20 || frame[i] > 0x7e) {
                throw new ProxyHeaderException("v1 header: byte 0x" + Integer.toHexString(frame[i] & 0xff) + " at " + i
                        + " (expected: printable US-ASCII)");
            }
        }
        String line = new String(frame, 0, frame.length - 2, StandardCharsets.US_ASCII);
        String[] parts = line.split(" ", -1);
        if (!parts[0].equals("PROXY")) {
            throw new ProxyHeaderException("v1 header: '" + parts[0] + "' (expected: PROXY)");
        }
        if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
            return new ProxyHeader.Local();
        }
        if (parts.length != 6) {
            throw new ProxyHeaderException("v1 header: " + parts.length + " fields (expected: 6: PROXY TCP4|TCP6 src dst sport dport)");
        }
        boolean v4 = switch (parts[1]) {
            case "TCP4" -> true;
            case "TCP6" -> false;
            default -> throw new ProxyHeaderException("v1 protocol: '" + parts[1] + "' (expected: TCP4, TCP6 or UNKNOWN)");
        };
        InetAddress src = v1Address(parts[2], v4, "source address");
        InetAddress dst = v1Address(parts[3], v4, "destination address");
        int sp = v1Port(parts[4], "source port");
        int dp = v1Port(parts[5], "destination port");
        try {
            return new ProxyHeader.Proxied(new InetSocketAddress(src, sp), new InetSocketAddress(dst, dp));
        } catch (IllegalArgumentException e) {
            throw new ProxyHeaderException("v1 header: " + e.getMessage());
        }
    }

    private static InetAddress v1Address(String s, boolean v4, String field) {
        try {
            // ofLiteral never asks DNS, whatever the text (a fuzzed header must not trigger lookups).
            if (v4 && s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return Inet4Address.ofLiteral(s);
            }
            if (!v4 && s.indexOf(':') >= 0) {
                return Inet6Address.ofLiteral(s);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new ProxyHeaderException("v1 " + field + ": '" + s + "' (expected: an " + (v4 ? "IPv4" : "IPv6") + " address)");
    }

    private static int v1Port(String s, String field) {
        if (!s.matches("\\d{1,5}") || (s.length() > 1 && s.charAt(0) == '0') || Integer.parseInt(s) > 65535) {
            throw new ProxyHeaderException("v1 " + field + ": '" + s + "' (expected: 0-65535 without leading zeros)");
        }
        return Integer.parseInt(s);
    }

    private static String text(InetAddress a) {
        return org.bascule.l7.AddressText.of(a);
    }

    // ---- v2 ----

    /** The binary header: signature, version 2 + command, family + protocol, length, addresses. */
    public static byte[] encodeV2(ProxyHeader h) {
        return switch (h) {
            case ProxyHeader.Local l -> {
                ByteBuffer b = ByteBuffer.allocate(16);
                b.put(V2_SIGNATURE).put((byte) 0x20).put((byte) 0x00).putShort((short) 0);
                yield b.array();
            }
            case ProxyHeader.Proxied p -> {
                int addrLen = p.ipv4() ? 12 : 36;
                ByteBuffer b = ByteBuffer.allocate(16 + addrLen);
                b.put(V2_SIGNATURE).put((byte) 0x21).put((byte) (p.ipv4() ? 0x11 : 0x21)).putShort((short) addrLen);
                b.put(p.source().getAddress().getAddress()).put(p.destination().getAddress().getAddress());
                b.putShort((short) p.source().getPort()).putShort((short) p.destination().getPort());
                yield b.array();
            }
        };
    }

    /** Decodes one v2 frame: exactly 16 bytes plus its length field; TLVs are skipped. */
    public static ProxyHeader decodeV2(byte[] frame) {
        if (frame.length < 16) {
            throw new ProxyHeaderException("v2 header length: " + frame.length + " (expected: >= 16)");
        }
        for (int i = 0; i < 12; i++) {
            if (frame[i] != V2_SIGNATURE[i]) {
                throw new ProxyHeaderException("v2 signature: byte " + i + " (expected: \\r\\n\\r\\n\\0\\r\\nQUIT\\n)");
            }
        }
        int verCmd = frame[12] & 0xff;
        if ((verCmd >> 4) != 2) {
            throw new ProxyHeaderException("v2 version: " + (verCmd >> 4) + " (expected: 2)");
        }
        int length = ((frame[14] & 0xff) << 8) | (frame[15] & 0xff);
        if (frame.length != 16 + length) {
            throw new ProxyHeaderException("v2 length: " + length + " for a frame of " + frame.length + " bytes (expected: frame - 16)");
        }
        int cmd = verCmd & 0x0f;
        if (cmd == 0) {
            return new ProxyHeader.Local();
        }
        if (cmd != 1) {
            throw new ProxyHeaderException("v2 command: " + cmd + " (expected: 0 LOCAL or 1 PROXY)");
        }
        int famProto = frame[13] & 0xff;
        int family = famProto >> 4;
        int proto = famProto & 0x0f;
        if (family > 3 || proto > 2) {
            throw new ProxyHeaderException("v2 family/protocol: 0x" + Integer.toHexString(famProto) + " (expected: family 0-3, protocol 0-2)");
        }
        // §2.2: a receiver "must not" use addresses of a family or protocol it does not handle.
        if (proto != 1 || (family != 1 && family != 2)) {
            return new ProxyHeader.Local();
        }
        int alen = family == 1 ? 4 : 16;
        if (length < 2 * alen + 4) {
            throw new ProxyHeaderException("v2 address length: " + length + " (expected: >= " + (2 * alen + 4) + " for "
                    + (family == 1 ? "TCP4" : "TCP6") + ")");
        }
        try {
            byte[] s = new byte[alen];
            byte[] d = new byte[alen];
            System.arraycopy(frame, 16, s, 0, alen);
            System.arraycopy(frame, 16 + alen, d, 0, alen);
            int sp = ((frame[16 + 2 * alen] & 0xff) << 8) | (frame[17 + 2 * alen] & 0xff);
            int dp = ((frame[18 + 2 * alen] & 0xff) << 8) | (frame[19 + 2 * alen] & 0xff);
            InetAddress src = family == 1 ? InetAddress.getByAddress(s) : Inet6Address.getByAddress(null, s, null);
            InetAddress dst = family == 1 ? InetAddress.getByAddress(d) : Inet6Address.getByAddress(null, d, null);
            return new ProxyHeader.Proxied(new InetSocketAddress(src, sp), new InetSocketAddress(dst, dp));
        } catch (UnknownHostException e) {
            throw new ProxyHeaderException("v2 address: " + e.getMessage());
        }
    }
}
