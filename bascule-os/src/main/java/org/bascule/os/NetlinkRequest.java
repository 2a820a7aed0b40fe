package org.bascule.os;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds one netlink message (RFC 3549 section 2.3.2, {@code linux/netlink.h}): the
 * {@code nlmsghdr}, a fixed family header, then attributes ({@code struct rtattr}: length,
 * type, value, padded to 4 bytes). All in host byte order except address values.
 */
final class NetlinkRequest {

    static final int HEADER = 16;

    private final ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());

    NetlinkRequest(int type, int flags) {
        buffer.putInt(0); // length, set by bytes()
        buffer.putShort((short) type);
        buffer.putShort((short) flags);
        buffer.putInt(0); // sequence, set by the socket
        buffer.putInt(0); // port id: 0 is the kernel
    }

    NetlinkRequest u8(int value) {
        buffer.put((byte) value);
        return this;
    }

    NetlinkRequest u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    NetlinkRequest u32(int value) {
        buffer.putInt(value);
        return this;
    }

    NetlinkRequest attribute(int type, byte[] value) {
        align();
        buffer.putShort((short) (4 + value.length));
        buffer.putShort((short) type);
        buffer.put(value);
        align();
        return this;
    }

    NetlinkRequest attribute(int type, InetAddress address) {
        return attribute(type, address.getAddress());
    }

    NetlinkRequest attributeU32(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A NUL-terminated string attribute (IFA_LABEL, IFLA_IFNAME). */
    NetlinkRequest attribute(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        byte[] withNul = new byte[text.length + 1];
        System.arraycopy(text, 0, withNul, 0, text.length);
        return attribute(type, withNul);
    }

    private void align() {
        while (buffer.position() % 4 != 0) {
            buffer.put((byte) 0);
        }
    }

    /** The message with its length and sequence number written in. */
    byte[] bytes(int sequence) {
        align();
        int length = buffer.position();
        ByteBuffer copy = buffer.duplicate().order(ByteOrder.nativeOrder());
        copy.putInt(0, length);
        copy.putInt(8, sequence);
        byte[] out = new byte[length];
        copy.get(0, out);
        return out;
    }
}
