package org.bascule.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A NETLINK_ROUTE socket (netlink(7), rtnetlink(7)): requests answered by an acknowledgement
 * or a multi-part dump, or a subscription to multicast groups. Errors the kernel reports in
 * {@code NLMSG_ERROR} become {@link OsException}s naming the operation, with the kernel's
 * extended-ack text when it gives one ({@code NETLINK_EXT_ACK}).
 */
final class NetlinkSocket implements AutoCloseable {

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NLMSGERR_ATTR_MSG = 1;
    private static final int NLM_F_ACK_TLVS = 0x200;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int MSG_TRUNC = 0x20;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    private static final int BUFFER = 1 << 16;
    /** The kernel answers at once; this only bounds a wait for an answer that never comes. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

    private final SocketHandle handle;
    /** One exchange at a time: concurrent readers of one socket would take each other's answers. */
    private final ReentrantLock exchange = new ReentrantLock();
    private final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() & 0x3fffffff));

    private NetlinkSocket(SocketHandle handle) {
        this.handle = handle;
    }

    /** Opens a socket in the calling thread's namespace, subscribed to {@code groups} (a bit mask, 0 for none). */
    static NetlinkSocket open(int groups) throws OsException {
        SocketHandle handle = SocketHandle.open(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, "netlink");
        try {
            handle.call(fd -> {
                Libc.setsockoptInt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
                Libc.setsockoptInt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
                if (groups != 0) {
                    Libc.setsockoptInt(fd, SOL_SOCKET, SO_RCVBUF, 1 << 20, "SO_RCVBUF");
                }
                try (Arena arena = Arena.ofConfined()) {
                    // struct sockaddr_nl { u16 family; u16 pad; u32 pid; u32 groups; }
                    MemorySegment address = arena.allocate(12, 4);
                    address.set(JAVA_SHORT, 0, (short) AF_NETLINK);
                    address.set(JAVA_INT, 8, groups);
                    Libc.bind(fd, address, "netlink groups " + groups);
                }
                return null;
            });
        } catch (OsException e) {
            handle.close();
            throw e;
        }
        return new NetlinkSocket(handle);
    }

    /** Sends a request with NLM_F_ACK and waits for the kernel's acknowledgement. */
    void acknowledged(NetlinkRequest request, String operation) throws OsException {
        exchange(request, operation, false);
    }

    /** Sends a dump request and returns every message of the answer. */
    List<NetlinkMessage> dump(NetlinkRequest request, String operation) throws OsException {
        return exchange(request, operation, true);
    }

    private List<NetlinkMessage> exchange(NetlinkRequest request, String operation, boolean dump) throws OsException {
        int seq = sequence.incrementAndGet();
        exchange.lock();
        try {
            return exchangeLocked(request, operation, dump, seq);
        } finally {
            exchange.unlock();
        }
    }

    private List<NetlinkMessage> exchangeLocked(NetlinkRequest request, String operation, boolean dump, int seq)
            throws OsException {
        return handle.call(fd -> {
            send(fd, request.bytes(seq), operation);
            List<NetlinkMessage> out = new ArrayList<>();
            long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
            while (true) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || !handle.awaitReadable(left)) {
                    throw new OsException(operation, 110, "no answer from the kernel within " + REPLY_TIMEOUT.toSeconds() + " s");
                }
                for (NetlinkMessage m : read(fd, operation)) {
                    if (m.sequence() != seq) {
                        continue; // a late answer to an earlier request
                    }
                    if (m.type() == NetlinkMessage.NLMSG_ERROR) {
                        int error = m.body().getInt(0);
                        if (error == 0) {
                            return out; // the acknowledgement
                        }
                        throw new OsException(operation, -error, Libc.strerror(-error) + kernelText(m));
                    }
                    if (m.type() == NetlinkMessage.NLMSG_DONE) {
                        return out;
                    }
                    out.add(m);
                    if (!dump) {
                        continue;
                    }
                    if ((m.flags() & NLM_F_MULTI) == 0) {
                        return out;
                    }
                }
            }
        });
    }

    /** The extended-ack message after a capped nlmsgerr (error, then the request's header). */
    private static String kernelText(NetlinkMessage error) {
        if ((error.flags() & NLM_F_ACK_TLVS) == 0 || error.body().limit() <= 20) {
            return "";
        }
        ByteBuffer body = error.body();
        NetlinkMessage tail = new NetlinkMessage(error.type(), error.flags(), error.sequence(), body);
        return tail.attributes(20).string(NLMSGERR_ATTR_MSG).filter(s -> !s.isBlank()).map(s -> " (kernel: " + s + ")").orElse("");
    }

    /** Waits for multicast notifications; empty list on timeout or close. */
    List<NetlinkMessage> receive(Duration timeout) throws OsException {
        return handle.call(fd -> handle.awaitReadable(timeout) ? read(fd, "netlink notification") : List.of());
    }

    private static void send(int fd, byte[] message, String operation) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(message.length);
            MemorySegment.copy(message, 0, data, JAVA_BYTE, 0, message.length);
            MemorySegment kernel = arena.allocate(12, 4);
            kernel.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            Libc.sendto(fd, data, 0, kernel, operation);
        }
    }

    private static List<NetlinkMessage> read(int fd, String operation) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER);
            MemorySegment name = arena.allocate(16, 8);
            MemorySegment control = arena.allocate(8, 8);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ADDRESS, 0, buffer);
            iov.set(JAVA_LONG, 8, BUFFER);
            MemorySegment msg = Msghdr.allocate(arena, name, iov, control);
            long n = Libc.recvmsg(fd, msg, MSG_TRUNC);
            if (n < 0) {
                return List.of();
            }
            if (n > BUFFER) {
                throw new OsException(operation, 0, "netlink answer of " + n + " bytes truncated to " + BUFFER);
            }
            return NetlinkMessage.split(buffer.asSlice(0, n).toArray(JAVA_BYTE), (int) n);
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
