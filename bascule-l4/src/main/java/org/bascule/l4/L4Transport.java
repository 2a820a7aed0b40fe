package org.bascule.l4;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Optional;
import org.bascule.os.IoInterface;

/**
 * The native transport of the NAT proxy: io_uring when the kernel offers it, else epoll (both
 * give {@code IP_FREEBIND}, which binding a VIP VRRP has not moved here yet needs; NIO does not).
 * {@code BASCULE_TRANSPORT=io_uring|epoll} (or {@code -Dbascule.transport=}, read by
 * {@link IoInterface#forced} as for the L7 tier) forces one.
 *
 * <p>Why io_uring first: Netty 4.2.13 to 4.2.18's epoll loses bytes on a half-closed connection.
 * Once the input is shut down, clearing the last interest removes the descriptor from epoll
 * without noting it, so the next write that has to wait for EPOLLOUT fails ({@code epoll_ctl}
 * MOD: ENOENT) and Netty shuts the output with data still queued: a client that sent its FIN
 * and then downloaded faster than it read lost the end of the answer (RelayTest, about 1 run in
 * 4 of 40). io_uring has no such registration step.
 */
enum L4Transport {
    IO_URING(IoInterface.IO_URING),
    EPOLL(IoInterface.EPOLL);

    private final IoInterface io;

    L4Transport(IoInterface io) {
        this.io = io;
    }

    /** The transport of this process, chosen on first use (every socket of the tier takes it). */
    private static volatile L4Transport current;

    static L4Transport current() {
        L4Transport t = current;
        if (t == null) {
            t = choose(IoInterface.forced());
            current = t;
        }
        return t;
    }

    private static L4Transport choose(Optional<IoInterface> forced) {
        return switch (forced.orElse(IoInterface.NIO)) {
            case IO_URING -> require(IO_URING);
            case EPOLL -> require(EPOLL);
            // Nothing forced, or the L7 tier's NIO: the NAT proxy needs IP_FREEBIND, so the best native one.
            case NIO -> IoUring.isAvailable() ? IO_URING : require(EPOLL);
        };
    }

    private static L4Transport require(L4Transport t) {
        Throwable cause = t == IO_URING ? IoUring.unavailabilityCause() : Epoll.unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException("native " + t.label() + " transport unavailable: " + cause, cause);
        }
        return t;
    }

    String label() {
        return io.label();
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == IO_URING ? IoUringIoHandler.newFactory() : EpollIoHandler.newFactory();
    }

    Class<? extends ServerSocketChannel> serverChannel() {
        return this == IO_URING ? IoUringServerSocketChannel.class : EpollServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return this == IO_URING ? IoUringSocketChannel.class : EpollSocketChannel.class;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return this == IO_URING ? IoUringDatagramChannel.class : EpollDatagramChannel.class;
    }

    ChannelOption<Boolean> ipFreebind() {
        return this == IO_URING ? IoUringChannelOption.IP_FREEBIND : EpollChannelOption.IP_FREEBIND;
    }
}
