package org.bascule.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} / {@code sockaddr_in6} in native memory: the family in host
 * order, the port and the address in network order (LAB.md).
 */
final class SockAddr {

    static final int IN_SIZE = 16;
    static final int IN6_SIZE = 28;
    /** Big enough for either, for recvmsg's msg_name. */
    static final int STORAGE_SIZE = 128;

    static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withByteAlignment(1);

    private SockAddr() {
    }

    /**
     * A sockaddr for {@code address}; {@code defaultScope} is used as the IPv6 scope id when the
     * address is link-scoped (fe80::/10, ff02::/16) and carries none, so that sending to
     * {@code ff02::12} goes out on the socket's interface.
     */
    static MemorySegment of(Arena arena, InetAddress address, int port, int defaultScope) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            MemorySegment s = arena.allocate(IN_SIZE, 4);
            s.set(JAVA_SHORT, 0, (short) IpFamily.INET.af());
            s.set(NET_SHORT, 2, (short) port);
            MemorySegment.copy(raw, 0, s, JAVA_BYTE, 4, 4);
            return s;
        }
        MemorySegment s = arena.allocate(IN6_SIZE, 4);
        s.set(JAVA_SHORT, 0, (short) IpFamily.INET6.af());
        s.set(NET_SHORT, 2, (short) port);
        MemorySegment.copy(raw, 0, s, JAVA_BYTE, 8, 16);
        int scope = address instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        if (scope == 0 && linkScoped(raw)) {
            scope = defaultScope;
        }
        s.set(JAVA_INT, 24, scope);
        return s;
    }

    private static boolean linkScoped(byte[] v6) {
        boolean linkLocal = (v6[0] & 0xff) == 0xfe && (v6[1] & 0xc0) == 0x80;
        boolean linkMulticast = (v6[0] & 0xff) == 0xff && (v6[1] & 0x0f) <= 2;
        return linkLocal || linkMulticast;
    }

    /** The address in a sockaddr filled by the kernel (recvmsg's msg_name). */
    static InetAddress read(MemorySegment s) {
        int family = s.get(JAVA_SHORT, 0);
        try {
            if (family == IpFamily.INET.af()) {
                return InetAddress.getByAddress(s.asSlice(4, 4).toArray(JAVA_BYTE));
            }
            if (family == IpFamily.INET6.af()) {
                byte[] raw = s.asSlice(8, 16).toArray(JAVA_BYTE);
                int scope = s.get(JAVA_INT, 24);
                return scope != 0 ? Inet6Address.getByAddress(null, raw, scope) : InetAddress.getByAddress(raw);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of a fixed length", e);
        }
        throw new IllegalStateException("sockaddr family " + family + " (expected: AF_INET or AF_INET6)");
    }

    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes (expected: 4 or 16)", e);
        }
    }
}
