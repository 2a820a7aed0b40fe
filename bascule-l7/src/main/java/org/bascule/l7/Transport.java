package org.bascule.l7;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.bascule.os.IoInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel interface the proxy's sockets use: io_uring when the kernel offers it (fewest
 * system calls per request), else epoll (Linux), else NIO; one event loop per core by default.
 * {@code BASCULE_TRANSPORT=io_uring|epoll|nio} (system property {@code bascule.transport} or
 * environment variable) forces one; one that is not available here is refused at start.
 *
 * <p>io_uring needs a Netty with netty#16705 (4.2.18, the root pom's, has it): 4.2.7 asserted that the
 * event loop's shared iovec array was empty whenever a channel began a gathering write, which is
 * false when two connections of one loop write in the same loop turn (netty#16705). With
 * assertions on (the tests) the AssertionError failed the write, Netty shut the connection's
 * output, and keep-alive clients got a FIN instead of their response. 4.2.18 also carries the fix
 * for reads lost when auto-read is switched off and on again (netty#17087), which TLS and
 * pipelined connections do.
 */
enum Transport {
    IO_URING(IoInterface.IO_URING),
    EPOLL(IoInterface.EPOLL),
    NIO(IoInterface.NIO);

    private static final Logger log = LoggerFactory.getLogger(Transport.class);

    /** The transport of this process, chosen on first use. */
    private static volatile Transport current;

    /** The name users write in {@code BASCULE_TRANSPORT}. */
    final String label;

    Transport(IoInterface io) {
        this.label = io.label();
    }

    /**
     * The transport of this process: the forced one ({@link IoInterface#forced}), or the first
     * available of io_uring, epoll, NIO. Throws {@link IllegalArgumentException} naming the
     * variable for an unknown or unavailable forced one (and chooses again on the next call).
     */
    static Transport current() {
        Transport t = current;
        if (t == null) {
            t = choose(IoInterface.forced());
            current = t;
        }
        return t;
    }

    /** Listening sockets can share an address ({@code SO_REUSEPORT}): one per event loop. */
    static boolean reusePort() {
        return current() != NIO;
    }

    boolean available() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    static Transport of(IoInterface io) {
        return valueOf(io.name());
    }

    static Transport choose(Optional<IoInterface> forced) {
        if (forced.isPresent()) {
            Transport t = of(forced.get());
            if (!t.available()) {
                throw new IllegalArgumentException("BASCULE_TRANSPORT=" + t.label + ": " + t.label
                        + " is not available here: " + unavailability(t));
            }
            return t;
        }
        for (Transport t : values()) {
            if (t.available()) {
                return t;
            }
            log.info("transport {} unavailable: {}", t.label, unavailability(t));
        }
        return NIO;
    }

    private static String unavailability(Transport t) {
        Throwable cause = switch (t) {
            case IO_URING -> IoUring.unavailabilityCause();
            case EPOLL -> Epoll.unavailabilityCause();
            case NIO -> null;
        };
        return cause == null ? "unknown" : cause.toString();
    }

    static EventLoopGroup group(int threads, ThreadFactory factory) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        IoHandlerFactory io = switch (current()) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(n, factory, io);
    }

    static Class<? extends ServerSocketChannel> serverChannel() {
        return switch (current()) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    /**
     * {@code SO_REUSEPORT} for a listener (only when {@link #reusePort()}): epoll and io_uring
     * both take Netty's {@code UnixChannelOption.SO_REUSEPORT} ({@code IoUringChannelOption}
     * inherits that very constant).
     */
    static final ChannelOption<Boolean> SO_REUSEPORT = UnixChannelOption.SO_REUSEPORT;

    /**
     * The buffers of every proxied connection, both sides: Netty's pooled allocator (per-thread
     * caches over arenas) rather than its 4.2 default, the adaptive one, whose magazine allocation
     * was the top JIT-compiled frame under new connections. Two processes side by side with
     * alternated runs (four pairings): the adaptive one cost 0 to 5 % more CPU per request, about
     * 2 % in the middle, within the noise of some pairings; resident memory within the spread of
     * runs either way.
     */
    static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    /**
     * Server connections in the target's own family: an IPv4 server gets an AF_INET socket, not
     * Netty's default dual-stack AF_INET6 one (which costs an IPV6_V6ONLY setsockopt per connect).
     */
    static ChannelFactory<SocketChannel> clientChannel(InetSocketAddress target) {
        boolean v4 = target.getAddress() instanceof Inet4Address;
        return switch (current()) {
            // Netty 4.2.7's IoUringSocketChannel has no public per-family constructor: dual-stack socket.
            case IO_URING -> URING_CLIENT;
            case EPOLL -> v4 ? EPOLL_CLIENT_V4 : EPOLL_CLIENT_V6;
            case NIO -> NIO_CLIENT;
        };
    }

    private static final ChannelFactory<SocketChannel> NIO_CLIENT = NioSocketChannel::new;
    private static final ChannelFactory<SocketChannel> EPOLL_CLIENT_V4 = () -> new EpollSocketChannel(SocketProtocolFamily.INET);
    private static final ChannelFactory<SocketChannel> EPOLL_CLIENT_V6 = () -> new EpollSocketChannel(SocketProtocolFamily.INET6);
    private static final ChannelFactory<SocketChannel> URING_CLIENT = IoUringSocketChannel::new;
}
