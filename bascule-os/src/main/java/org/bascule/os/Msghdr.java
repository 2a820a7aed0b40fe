package org.bascule.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct msghdr} and its ancillary data ({@code struct cmsghdr}, CMSG_ALIGN to 8) on
 * x86-64 / aarch64 Linux, for recvmsg(2).
 */
final class Msghdr {

    private static final int SIZE = 56;
    private static final long NAMELEN = 8;
    private static final long IOV = 16;
    private static final long IOVLEN = 24;
    private static final long CONTROL = 32;
    private static final long CONTROLLEN = 40;
    private static final int CMSG_HEADER = 16;

    record Cmsg(int level, int type, MemorySegment data) {
    }

    private Msghdr() {
    }

    static MemorySegment allocate(Arena arena, MemorySegment name, MemorySegment iov, MemorySegment control) {
        MemorySegment msg = arena.allocate(SIZE, 8);
        msg.set(ADDRESS, 0, name);
        msg.set(JAVA_INT, NAMELEN, (int) name.byteSize());
        msg.set(ADDRESS, IOV, iov);
        msg.set(JAVA_LONG, IOVLEN, 1L);
        msg.set(ADDRESS, CONTROL, control);
        msg.set(JAVA_LONG, CONTROLLEN, control.byteSize());
        return msg;
    }

    /** The control messages recvmsg wrote, within the length it reported. */
    static List<Cmsg> controlMessages(MemorySegment msg) {
        long length = msg.get(JAVA_LONG, CONTROLLEN);
        MemorySegment control = msg.get(ADDRESS, CONTROL).reinterpret(length);
        List<Cmsg> out = new ArrayList<>();
        long offset = 0;
        while (offset + CMSG_HEADER <= length) {
            long cmsgLength = control.get(JAVA_LONG, offset);
            if (cmsgLength < CMSG_HEADER || offset + cmsgLength > length) {
                break;
            }
            out.add(new Cmsg(control.get(JAVA_INT, offset + 8), control.get(JAVA_INT, offset + 12),
                    control.asSlice(offset + CMSG_HEADER, cmsgLength - CMSG_HEADER)));
            offset += (cmsgLength + 7) & ~7L;
        }
        return out;
    }
}
