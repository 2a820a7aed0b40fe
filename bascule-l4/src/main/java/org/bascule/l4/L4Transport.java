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
import java.util.Locale;

/**
 * The native transport of the NAT proxy: io_uring when the kernel offers it, else epoll (both
 * give {@code IP_FREEBIND}, which binding a VIP VRRP has not moved here yet needs; NIO does not).
 * {@code BASCULE_TRANSPORT=io_uring|epoll} (or {@code -Dbascule.transport=}) forces one, as for
 * the L7 tier.
 *
 * <p>Why io_uring first: Netty 4.2.13 to 4.2.18's epoll loses bytes on a half-closed connection.
 * Once the input is shut down, clearing the last interest removes the descriptor from epoll
 * without noting it, so the next write that has to wait for EPOLLOUT fails ({@code epoll_ctl}
 * MOD: ENOENT) and Netty shuts the output with data still queued: a client that sent its FIN
 * and then downloaded faster than it read lost the end of the answer (RelayTest, about 1 run in
 * 4 of 40). io_uring has no such registration step.
 */
enum L4Transport {
    IO_URING, EPOLL;

    static L4Transport current() {
        String forced = System.getProperty("bascule.transport", System.getenv("BASCULE_TRANSPORT"));
        if (forced != null && !forced.isBlank()) {
            String f = forced.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return switch (f) {
                case "io_uring", "iouring", "uring" -> require(IO_URING);
                case "epoll" -> require(EPOLL);
                // The L7 tier can run on NIO; the NAT proxy needs IP_FREEBIND: the best native one then.
                case "nio" -> IoUring.isAvailable() ? IO_URING : require(EPOLL);
                default -> throw new IllegalArgumentException("BASCULE_TRANSPORT=" + forced + ": unknown transport, expected io_uring, epoll or nio");
            };
        }
        return IoUring.isAvailable() ? IO_URING : require(EPOLL);
    }

    private static L4Transport require(L4Transport t) {
        Throwable cause = t == IO_URING ? IoUring.unavailabilityCause() : Epoll.unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException("native " + t.label() + " transport unavailable: " + cause, cause);
        }
        return t;
    }

    String label() {
        return this == IO_URING ? "io_uring" : "epoll";
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
