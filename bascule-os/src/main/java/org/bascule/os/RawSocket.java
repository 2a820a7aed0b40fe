package org.bascule.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw IP socket ({@code socket(AF_INET|AF_INET6, SOCK_RAW, protocol)}) for one IP protocol:
 * VRRP (112), ICMP, ICMPv6. It sends payloads (the kernel writes the IP header) and receives
 * whole packets with their source, destination, TTL / hop limit and arriving interface.
 *
 * <p>Thread-safe: one thread may receive while others send, and {@link #close} wakes a
 * receiver at once. A platform thread waits in {@code poll(2)} with a bound; a virtual thread
 * never waits inside a native call (it would pin its carrier): it polls and sleeps in
 * 1-10 ms steps, so a long-lived, latency-sensitive reader belongs on a platform thread
 * (DESIGN.md, runtime model).
 *
 * <p>Opening needs CAP_NET_RAW. The socket lives in the network namespace of the thread that
 * opened it (see {@link NetworkNamespace}) and keeps working from any thread afterwards.
 */
public final class RawSocket implements AutoCloseable {

    private static final int SOCK_RAW = 3;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IP_TOS = 1;
    private static final int IP_TTL = 2;
    private static final int IP_PKTINFO = 8;
    private static final int IP_RECVTTL = 12;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int IP_MULTICAST_LOOP = 34;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_DROP_MEMBERSHIP = 36;
    private static final int IP_MULTICAST_ALL = 49;
    private static final int IPV6_CHECKSUM = 7;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MULTICAST_IF = 17;
    private static final int IPV6_MULTICAST_HOPS = 18;
    private static final int IPV6_MULTICAST_LOOP = 19;
    private static final int IPV6_ADD_MEMBERSHIP = 20;
    private static final int IPV6_DROP_MEMBERSHIP = 21;
    private static final int IPV6_MULTICAST_ALL = 29;
    private static final int IPV6_RECVPKTINFO = 49;
    private static final int IPV6_PKTINFO = 50;
    private static final int IPV6_RECVHOPLIMIT = 51;
    private static final int IPV6_HOPLIMIT = 52;
    private static final int IPV6_RECVTCLASS = 66;
    private static final int IPV6_TCLASS = 67;
    private static final int MSG_TRUNC = 0x20;

    /** Largest IP packet: a receive never truncates. */
    private static final int MAX_PACKET = 65_535;
    private static final int CONTROL_SIZE = 256;

    private final SocketHandle handle;
    private final IpFamily family;
    private final int protocol;
    private volatile int boundInterface;

    private RawSocket(SocketHandle handle, IpFamily family, int protocol) {
        this.handle = handle;
        this.family = family;
        this.protocol = protocol;
    }

    /**
     * Opens a raw socket for {@code protocol} ({@link IpProtocol}) that reports each packet's
     * TTL / hop limit, destination and interface, and receives only multicast groups it joined
     * itself ({@code IP_MULTICAST_ALL} 0, as keepalived sets it).
     */
    public static RawSocket open(IpFamily family, int protocol) throws OsException {
        Objects.requireNonNull(family, "family");
        if (protocol < 1 || protocol > 254) {
            throw new IllegalArgumentException("protocol: " + protocol + " (expected: 1-254)");
        }
        SocketHandle handle = SocketHandle.open(family.af(), SOCK_RAW, protocol, "raw socket " + family + "/" + protocol);
        RawSocket socket = new RawSocket(handle, family, protocol);
        try {
            socket.setupReceive();
        } catch (OsException e) {
            handle.close();
            throw e;
        }
        return socket;
    }

    private void setupReceive() throws OsException {
        handle.call(fd -> {
            if (family == IpFamily.INET) {
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_RECVTTL, 1, "IP_RECVTTL");
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_PKTINFO, 1, "IP_PKTINFO");
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
            } else {
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVTCLASS, 1, "IPV6_RECVTCLASS");
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
            }
            return null;
        });
    }

    public IpFamily family() {
        return family;
    }

    public int protocol() {
        return protocol;
    }

    /**
     * {@code SO_BINDTODEVICE}: send and receive only through {@code interfaceName}. Returns the
     * interface's index (looked up in the socket's own namespace); it also becomes the default
     * scope for link-scoped IPv6 destinations such as {@code ff02::12}.
     */
    public int bindToDevice(String interfaceName) throws OsException {
        Ifreq.checkName(interfaceName);
        return handle.call(fd -> {
            int index = Ifreq.index(fd, interfaceName);
            try (Arena arena = Arena.ofConfined()) {
                byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
                MemorySegment value = arena.allocate(name.length + 1);
                MemorySegment.copy(name, 0, value, JAVA_BYTE, 0, name.length);
                Libc.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, value, "SO_BINDTODEVICE " + interfaceName);
            }
            boundInterface = index;
            return index;
        });
    }

    /** The index of {@code interfaceName} in this socket's network namespace. */
    public int interfaceIndex(String interfaceName) throws OsException {
        return handle.call(fd -> Ifreq.index(fd, interfaceName));
    }

    /** The MAC address of {@code interfaceName} in this socket's network namespace. */
    public MacAddress hardwareAddress(String interfaceName) throws OsException {
        return handle.call(fd -> Ifreq.hardwareAddress(fd, interfaceName));
    }

    /** bind(2) to a local address: the source of what is sent (else the kernel picks one). */
    public void bind(InetAddress local) throws OsException {
        checkFamily(local, "local");
        handle.call(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.bind(fd, SockAddr.of(arena, local, 0, boundInterface), local.getHostAddress());
            }
            return null;
        });
    }

    /** Joins {@code group} (224.0.0.18, ff02::12) on the interface {@code interfaceIndex}. */
    public void joinGroup(InetAddress group, int interfaceIndex) throws OsException {
        membership(group, interfaceIndex, true);
    }

    public void leaveGroup(InetAddress group, int interfaceIndex) throws OsException {
        membership(group, interfaceIndex, false);
    }

    private void membership(InetAddress group, int interfaceIndex, boolean join) throws OsException {
        checkFamily(group, "group");
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException("group: " + group.getHostAddress() + " (expected: a multicast address)");
        }
        String what = (join ? "join " : "leave ") + group.getHostAddress() + " on if " + interfaceIndex;
        handle.call(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                if (family == IpFamily.INET) {
                    // struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }
                    MemorySegment mreq = arena.allocate(12, 4);
                    MemorySegment.copy(group.getAddress(), 0, mreq, JAVA_BYTE, 0, 4);
                    mreq.set(JAVA_INT, 8, interfaceIndex);
                    Libc.setsockopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, mreq, what);
                } else {
                    // struct ipv6_mreq { in6_addr multiaddr; int ifindex; }
                    MemorySegment mreq = arena.allocate(20, 4);
                    MemorySegment.copy(group.getAddress(), 0, mreq, JAVA_BYTE, 0, 16);
                    mreq.set(JAVA_INT, 16, interfaceIndex);
                    Libc.setsockopt(fd, IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, mreq, what);
                }
            }
            return null;
        });
    }

    /**
     * The TTL (IPv4) or hop limit (IPv6) of every packet sent, unicast and multicast alike:
     * VRRP sends 255 (RFC 3768 section 5.2.3, RFC 5798 section 5.1.1.3), and so do neighbour
     * discovery messages.
     */
    public void setTtl(int ttl) throws OsException {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: 1-255)");
        }
        handle.call(fd -> {
            if (family == IpFamily.INET) {
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_TTL, ttl, "IP_TTL " + ttl);
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_MULTICAST_TTL, ttl, "IP_MULTICAST_TTL " + ttl);
            } else {
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, ttl, "IPV6_UNICAST_HOPS " + ttl);
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, ttl, "IPV6_MULTICAST_HOPS " + ttl);
            }
            return null;
        });
    }

    /**
     * IPv4 TOS byte or IPv6 traffic class. keepalived sends VRRP with 0xc0 (DSCP CS6,
     * "network control").
     */
    public void setTrafficClass(int tos) throws OsException {
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos: " + tos + " (expected: 0-255)");
        }
        handle.call(fd -> {
            if (family == IpFamily.INET) {
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_TOS, tos, "IP_TOS " + tos);
            } else {
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_TCLASS, tos, "IPV6_TCLASS " + tos);
            }
            return null;
        });
    }

    /** Whether this host's own multicast comes back to it; VRRP turns it off. */
    public void setMulticastLoop(boolean loop) throws OsException {
        handle.call(fd -> {
            if (family == IpFamily.INET) {
                Libc.setsockoptInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, loop ? 1 : 0, "IP_MULTICAST_LOOP");
            } else {
                Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, loop ? 1 : 0, "IPV6_MULTICAST_LOOP");
            }
            return null;
        });
    }

    /** The interface multicast leaves through ({@code IP_MULTICAST_IF} / {@code IPV6_MULTICAST_IF}). */
    public void setMulticastInterface(int interfaceIndex) throws OsException {
        handle.call(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                if (family == IpFamily.INET) {
                    MemorySegment mreq = arena.allocate(12, 4);
                    mreq.set(JAVA_INT, 8, interfaceIndex);
                    Libc.setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, mreq, "IP_MULTICAST_IF " + interfaceIndex);
                } else {
                    Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, interfaceIndex, "IPV6_MULTICAST_IF " + interfaceIndex);
                }
            }
            return null;
        });
    }

    /**
     * IPv6 only ({@code IPV6_CHECKSUM}): the kernel computes the checksum with the RFC 8200
     * section 8.1 pseudo-header and writes it at {@code offset} of every payload sent (and
     * drops received packets whose checksum is wrong). VRRPv3 over IPv6 uses offset 6. ICMPv6
     * sockets always do this at offset 2.
     */
    public void setChecksumOffset(int offset) throws OsException {
        if (family != IpFamily.INET6) {
            throw new IllegalStateException("IPV6_CHECKSUM on an " + family + " socket (expected: INET6)");
        }
        if (offset < 0 || offset % 2 != 0) {
            throw new IllegalArgumentException("checksum offset: " + offset + " (expected: an even number >= 0)");
        }
        handle.call(fd -> {
            Libc.setsockoptInt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, offset, "IPV6_CHECKSUM " + offset);
            return null;
        });
    }

    /** Sends {@code payload} to {@code destination} (the kernel adds the IP header). */
    public void send(byte[] payload, InetAddress destination) throws OsException {
        Objects.requireNonNull(payload, "payload");
        checkFamily(destination, "destination");
        handle.call(fd -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment data = arena.allocate(Math.max(1, payload.length));
                MemorySegment.copy(payload, 0, data, JAVA_BYTE, 0, payload.length);
                MemorySegment to = SockAddr.of(arena, destination, 0, boundInterface);
                Libc.sendto(fd, data.asSlice(0, payload.length), 0, to, destination.getHostAddress());
            }
            return null;
        });
    }

    /**
     * Waits at most {@code timeout} for one packet. Empty on timeout, or when the socket was
     * closed meanwhile.
     */
    public Optional<RawDatagram> receive(Duration timeout) throws OsException {
        Objects.requireNonNull(timeout, "timeout");
        return handle.call(fd -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (handle.awaitReadable(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                Optional<RawDatagram> got = readOne(fd);
                if (got.isPresent()) {
                    return got;
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
            }
            return Optional.empty();
        });
    }

    private Optional<RawDatagram> readOne(int fd) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(MAX_PACKET);
            MemorySegment name = arena.allocate(SockAddr.STORAGE_SIZE, 8);
            MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ADDRESS, 0, buffer);
            iov.set(JAVA_LONG, 8, MAX_PACKET);
            MemorySegment msg = Msghdr.allocate(arena, name, iov, control);
            long n = Libc.recvmsg(fd, msg, MSG_TRUNC);
            if (n < 0) {
                return Optional.empty();
            }
            int length = (int) Math.min(n, MAX_PACKET);
            InetAddress source = SockAddr.read(name);
            int ttl = -1;
            int ifindex = 0;
            int trafficClass = 0;
            InetAddress destination = null;
            for (Msghdr.Cmsg c : Msghdr.controlMessages(msg)) {
                if (family == IpFamily.INET && c.level() == IPPROTO_IP) {
                    if (c.type() == IP_TTL) {
                        ttl = c.data().get(JAVA_INT, 0);
                    } else if (c.type() == IP_PKTINFO) {
                        // struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }
                        ifindex = c.data().get(JAVA_INT, 0);
                        destination = SockAddr.address(c.data().asSlice(8, 4).toArray(JAVA_BYTE));
                    }
                } else if (family == IpFamily.INET6 && c.level() == IPPROTO_IPV6) {
                    if (c.type() == IPV6_HOPLIMIT) {
                        ttl = c.data().get(JAVA_INT, 0);
                    } else if (c.type() == IPV6_TCLASS) {
                        trafficClass = c.data().get(JAVA_INT, 0);
                    } else if (c.type() == IPV6_PKTINFO) {
                        // struct in6_pktinfo { in6_addr addr; int ifindex; }
                        destination = SockAddr.address(c.data().asSlice(0, 16).toArray(JAVA_BYTE));
                        ifindex = c.data().get(JAVA_INT, 16);
                    }
                }
            }
            byte[] packet = buffer.asSlice(0, length).toArray(JAVA_BYTE);
            byte[] payload = packet;
            if (family == IpFamily.INET) {
                // a raw IPv4 socket hands the IP header too (raw(7)); its TTL and destination
                // stand in for missing ancillary data
                int headerLength = length > 0 ? (packet[0] & 0x0f) * 4 : 0;
                if (headerLength < 20 || headerLength > length) {
                    return Optional.empty();
                }
                if (ttl < 0) {
                    ttl = packet[8] & 0xff;
                }
                trafficClass = packet[1] & 0xff;
                if (destination == null) {
                    destination = SockAddr.address(java.util.Arrays.copyOfRange(packet, 16, 20));
                }
                payload = java.util.Arrays.copyOfRange(packet, headerLength, length);
            }
            if (destination == null) {
                destination = family == IpFamily.INET ? SockAddr.address(new byte[4]) : SockAddr.address(new byte[16]);
            }
            return Optional.of(new RawDatagram(payload, source, destination, ttl, ifindex, trafficClass));
        }
    }

    private void checkFamily(InetAddress address, String what) {
        Objects.requireNonNull(address, what);
        if (IpFamily.of(address) != family) {
            throw new IllegalArgumentException(what + ": " + address.getHostAddress() + " (expected: an " + family
                    + " address on this " + family + " socket)");
        }
    }

    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "RawSocket[" + family + ", protocol " + protocol + (boundInterface != 0 ? ", if " + boundInterface : "") + "]";
    }
}
