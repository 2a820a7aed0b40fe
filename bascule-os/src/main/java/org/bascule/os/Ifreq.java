package org.bascule.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} ioctls on a socket: they answer in the socket's own network namespace,
 * which is what a socket opened in another namespace needs (if_nametoindex would answer in the
 * calling thread's).
 */
final class Ifreq {

    private static final long SIOCGIFINDEX = 0x8933;
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final int IFNAMSIZ = 16;
    private static final int SIZE = 40;

    private Ifreq() {
    }

    static void checkName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length >= IFNAMSIZ || name.contains("/") || name.isBlank()) {
            throw new IllegalArgumentException("interface: '" + name + "' (expected: 1-15 characters, no '/')");
        }
    }

    private static MemorySegment request(Arena arena, String name) {
        checkName(name);
        MemorySegment ifr = arena.allocate(SIZE, 8);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, ifr, JAVA_BYTE, 0, bytes.length);
        return ifr;
    }

    static int index(int fd, String name) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = request(arena, name);
            Libc.ioctl(fd, SIOCGIFINDEX, ifr, "SIOCGIFINDEX " + name);
            return ifr.get(JAVA_INT, IFNAMSIZ);
        }
    }

    static MacAddress hardwareAddress(int fd, String name) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = request(arena, name);
            Libc.ioctl(fd, SIOCGIFHWADDR, ifr, "SIOCGIFHWADDR " + name);
            short unusedFamily = ifr.get(JAVA_SHORT, IFNAMSIZ);
            return new MacAddress(ifr.asSlice(IFNAMSIZ + 2, 6).toArray(JAVA_BYTE));
        }
    }
}
