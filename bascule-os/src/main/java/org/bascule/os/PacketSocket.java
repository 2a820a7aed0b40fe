package org.bascule.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code AF_PACKET} socket on one interface (packet(7)): whole Ethernet frames out and in.
 * Bascule sends the frames it must write itself with it: gratuitous ARP
 * ({@link GratuitousArp}) and unsolicited neighbour advertisements ({@link NeighbourAdvert})
 * whose sender must be the VIP, a source the IP stack would not choose.
 *
 * <p>Thread-safe; {@link #close} wakes a waiting reader. Needs CAP_NET_RAW; lives in the
 * namespace of the thread that opened it.
 */
public final class PacketSocket implements AutoCloseable {

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int MAX_FRAME = 65_536;

    /** No protocol: a socket that only sends. */
    private static final int NONE = 0;
    /** Every protocol ({@code ETH_P_ALL}). */
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86dd;

    private final SocketHandle handle;
    private final int interfaceIndex;
    private final int etherType;

    private PacketSocket(SocketHandle handle, int interfaceIndex, int etherType) {
        this.handle = handle;
        this.interfaceIndex = interfaceIndex;
        this.etherType = etherType;
    }

    /**
     * Opens a packet socket on {@code interfaceName} for sending only: it subscribes to no
     * protocol, so the kernel queues nothing for it however busy the link is.
     */
    public static PacketSocket open(String interfaceName) throws OsException {
        return open(interfaceName, NONE);
    }

    /**
     * Opens a packet socket on {@code interfaceName} that also receives the frames of
     * {@code etherType} ({@link #ETH_P_ARP}, {@link #ETH_P_IPV6}, or {@link #ETH_P_ALL} for all).
     */
    public static PacketSocket open(String interfaceName, int etherType) throws OsException {
        Ifreq.checkName(interfaceName);
        if (etherType < 0 || etherType > 0xffff) {
            throw new IllegalArgumentException("ethertype: " + etherType + " (expected: 0-0xffff)");
        }
        SocketHandle handle = SocketHandle.open(AF_PACKET, SOCK_RAW, Short.toUnsignedInt(Short.reverseBytes((short) etherType)),
                "packet socket on " + interfaceName);
        try {
            int index = handle.call(fd -> {
                int i = Ifreq.index(fd, interfaceName);
                try (Arena arena = Arena.ofConfined()) {
                    Libc.bind(fd, linkAddress(arena, i, etherType, null), "AF_PACKET " + interfaceName);
                }
                return i;
            });
            return new PacketSocket(handle, index, etherType);
        } catch (OsException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** {@code struct sockaddr_ll}: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8]. */
    private static MemorySegment linkAddress(Arena arena, int index, int etherType, byte[] destination) {
        MemorySegment s = arena.allocate(SOCKADDR_LL_SIZE, 4);
        s.set(JAVA_SHORT, 0, (short) AF_PACKET);
        s.set(SockAddr.NET_SHORT, 2, (short) etherType);
        s.set(JAVA_INT, 4, index);
        if (destination != null) {
            s.set(JAVA_BYTE, 11, (byte) 6);
            MemorySegment.copy(destination, 0, s, JAVA_BYTE, 12, 6);
        }
        return s;
    }

    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** Sends one whole Ethernet frame (destination MAC, source MAC, ethertype, payload). */
    public void send(byte[] frame) throws OsException {
        Objects.requireNonNull(frame, "frame");
        if (frame.length < 14) {
            throw new IllegalArgumentException("frame: " + frame.length + " bytes (expected: >= 14, an Ethernet header)");
        }
        handle.call(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment data = arena.allocate(frame.length);
                MemorySegment.copy(frame, 0, data, JAVA_BYTE, 0, frame.length);
                int type = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
                Libc.sendto(fd, data, 0, linkAddress(arena, interfaceIndex, type, Arrays.copyOf(frame, 6)),
                        "frame on if " + interfaceIndex);
            }
            return null;
        });
    }

    /**
     * The next frame of the socket's ethertype seen on the interface (both directions), waiting
     * at most {@code timeout}; empty on timeout or close, and always empty for a socket opened
     * with {@link #open(String)}.
     */
    public Optional<byte[]> receive(Duration timeout) throws OsException {
        Objects.requireNonNull(timeout, "timeout");
        return handle.call(fd -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (handle.awaitReadable(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment buffer = arena.allocate(MAX_FRAME);
                    MemorySegment name = arena.allocate(SOCKADDR_LL_SIZE, 8);
                    MemorySegment control = arena.allocate(8, 8);
                    MemorySegment iov = arena.allocate(16, 8);
                    iov.set(ADDRESS, 0, buffer);
                    iov.set(JAVA_LONG, 8, MAX_FRAME);
                    long n = Libc.recvmsg(fd, Msghdr.allocate(arena, name, iov, control), 0);
                    if (n >= 0) {
                        return Optional.of(buffer.asSlice(0, n).toArray(JAVA_BYTE));
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
            }
            return Optional.<byte[]>empty();
        });
    }

    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "PacketSocket[if " + interfaceIndex + ", ethertype 0x" + Integer.toHexString(etherType) + "]";
    }
}
