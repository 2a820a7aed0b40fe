package org.bascule.l7;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
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
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;

/** Native epoll when the platform has it (Linux), else NIO; one event loop per core by default. */
final class Transport {

    static final boolean EPOLL = Epoll.isAvailable();

    /** Listening sockets can share an address ({@code SO_REUSEPORT}): one per event loop. */
    static final boolean REUSEPORT = EPOLL;

    private Transport() {}

    static EventLoopGroup group(int threads, ThreadFactory factory) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new MultiThreadIoEventLoopGroup(n, factory, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Server connections in the target's own family: an IPv4 server gets an AF_INET socket, not
     * Netty's default dual-stack AF_INET6 one (which costs an IPV6_V6ONLY setsockopt per connect).
     */
    static ChannelFactory<SocketChannel> clientChannel(InetSocketAddress target) {
        if (!EPOLL) {
            return NIO_CLIENT;
        }
        return target.getAddress() instanceof Inet4Address ? EPOLL_CLIENT_V4 : EPOLL_CLIENT_V6;
    }

    private static final ChannelFactory<SocketChannel> NIO_CLIENT = NioSocketChannel::new;
    private static final ChannelFactory<SocketChannel> EPOLL_CLIENT_V4 = () -> new EpollSocketChannel(SocketProtocolFamily.INET);
    private static final ChannelFactory<SocketChannel> EPOLL_CLIENT_V6 = () -> new EpollSocketChannel(SocketProtocolFamily.INET6);
}
