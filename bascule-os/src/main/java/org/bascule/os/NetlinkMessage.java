package org.bascule.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One netlink message read from the kernel: type, flags, sequence, and the body (family header
 * plus attributes). The kernel is trusted to frame correctly, but lengths are still checked so
 * a short or garbled message is an error with the message type, never an out-of-bounds read.
 */
record NetlinkMessage(int type, int flags, int sequence, ByteBuffer body) {

    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;

    /** Splits a datagram into its messages (several per datagram in a dump). */
    static List<NetlinkMessage> split(byte[] datagram, int length) throws OsException {
        ByteBuffer all = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int offset = 0;
        while (offset + NetlinkRequest.HEADER <= length) {
            int messageLength = all.getInt(offset);
            if (messageLength < NetlinkRequest.HEADER || offset + messageLength > length) {
                throw new OsException("netlink", 0, "message length " + messageLength + " at offset " + offset
                        + " of a " + length + "-byte datagram (expected: 16.." + (length - offset) + ")");
            }
            int type = Short.toUnsignedInt(all.getShort(offset + 4));
            int flags = Short.toUnsignedInt(all.getShort(offset + 6));
            int sequence = all.getInt(offset + 8);
            ByteBuffer body = all.slice(offset + NetlinkRequest.HEADER, messageLength - NetlinkRequest.HEADER)
                    .order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(type, flags, sequence, body));
            offset += (messageLength + 3) & ~3;
        }
        return out;
    }

    /** Attributes after a fixed header of {@code headerLength} bytes, by type (the last wins). */
    Attributes attributes(int headerLength) {
        Map<Integer, ByteBuffer> map = new HashMap<>();
        int offset = (headerLength + 3) & ~3;
        while (offset + 4 <= body.limit()) {
            int length = Short.toUnsignedInt(body.getShort(offset));
            int type = Short.toUnsignedInt(body.getShort(offset + 2)) & 0x3fff; // drop NLA_F_NESTED / NET_BYTEORDER
            if (length < 4 || offset + length > body.limit()) {
                break;
            }
            map.put(type, body.slice(offset + 4, length - 4).order(ByteOrder.nativeOrder()));
            offset += (length + 3) & ~3;
        }
        return new Attributes(map);
    }

    /** Netlink attributes of one message. */
    record Attributes(Map<Integer, ByteBuffer> byType) {

        Optional<byte[]> bytes(int type) {
            ByteBuffer b = byType.get(type);
            if (b == null) {
                return Optional.empty();
            }
            byte[] out = new byte[b.remaining()];
            b.get(b.position(), out);
            return Optional.of(out);
        }

        OptionalInt u32(int type) {
            ByteBuffer b = byType.get(type);
            return b == null || b.remaining() < 4 ? OptionalInt.empty() : OptionalInt.of(b.getInt(0));
        }

        /** A NUL-terminated string attribute. */
        Optional<String> string(int type) {
            return bytes(type).map(raw -> {
                int end = 0;
                while (end < raw.length && raw[end] != 0) {
                    end++;
                }
                return new String(raw, 0, end, StandardCharsets.US_ASCII);
            });
        }
    }
}
