package org.bascule.l7;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bascule.l7.proxyproto.ProxyHeaderFramer;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.ProxyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bind} lines of one frontend: its listening sockets, and the pipeline of every
 * accepted connection ({@code accept-proxy} framer, TLS with SNI, HTTP codec with the
 * {@code tune.bufsize} limit, request bodies whole or streamed, the frontend handler).
 *
 * <p>Accepting: with io_uring or epoll every event loop has a listening socket of its own on each address
 * ({@code SO_REUSEPORT}, as HAProxy gives each thread its own listener), so the kernel spreads
 * new connections across the loops and a connection stays on the loop that accepted it: no
 * accept thread, no hand-off to another thread per connection. Another process already
 * listening on the address still makes the start fail ({@link #checkFree}). NIO (no
 * {@code SO_REUSEPORT}) has one listening socket per address, on one of the loops.
 *
 * <p>{@code maxconn}: when the frontend (or the whole proxy) holds its maximum of connections,
 * its listening sockets stop accepting, so new clients wait in the kernel's backlog as with
 * HAProxy, and resume as connections close.
 */
final class FrontendListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontendListener.class);

    /** {@code IPV6_V6ONLY} (linux/in6.h: level IPPROTO_IPV6 = 41, option 26), for {@code v6only}/{@code v4v6}. */
    private static final ChannelOption<Integer> IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

    private final FrontendRuntime fe;
    private final AtomicInteger globalConnections;
    private final int globalMax;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    /** Listeners are paused (maxconn reached); read and written on any loop, changed under {@code this}. */
    private volatile boolean paused;

    FrontendListener(FrontendRuntime fe, AtomicInteger globalConnections, int globalMax) {
        this.fe = fe;
        this.globalConnections = globalConnections;
        this.globalMax = globalMax;
    }

    void bind(EventLoopGroup loops) throws IOException, InterruptedException {
        for (BindSpec b : fe.spec.binds()) {
            Optional<Mapping<String, SslContext>> tls = b.tls().isPresent()
                    ? Optional.of(TlsContexts.forBind(b.tls().get())) : Optional.empty();
            Accepted accepted = new Accepted(b, tls);
            if (!Transport.reusePort()) {
                if (b.address().getAddress() instanceof Inet6Address && (b.v4v6() || b.v6only())) {
                    log.warn("frontend {}: bind {}: {} needs the io_uring or epoll transport; the kernel default applies",
                            fe.spec.name(), b.address(), b.v6only() ? "v6only" : "v4v6");
                }
                Channel ch = bootstrap(loops, b, accepted).bind(b.address()).sync().channel();
                listeners.add(ch);
                bound.add((InetSocketAddress) ch.localAddress());
                continue;
            }
            InetSocketAddress address = checkFree(loops.next(), b);
            for (EventExecutor e : loops) {
                EventLoop loop = (EventLoop) e;
                Channel ch = bootstrap(loop, b, accepted).option(Transport.SO_REUSEPORT, true)
                        .bind(address).sync().channel();
                listeners.add(ch);
            }
            bound.add(address);
        }
    }

    /**
     * Binds a socket to {@code b} once without {@code SO_REUSEPORT}, and without listening, and
     * closes it again: this fails with "Address already in use" when another process (HAProxy,
     * another Bascule, anything) listens there, as binding a single socket did, even if that
     * process set {@code SO_REUSEPORT} itself; the kernel would otherwise let reuse-port sockets of
     * the same user share the port silently. Not listening matters: a probe that listened for an
     * instant showed the port open before the proxy was, and reset whoever connected then (a
     * start-up script's port check). Returns the address with the port resolved when the spec said 0.
     */
    private InetSocketAddress checkFree(EventLoop loop, BindSpec b) throws InterruptedException {
        Channel probe = Transport.clientChannel(b.address()).newChannel();
        // As the listeners: TIME_WAIT connections on the port do not count, a listening socket does.
        probe.config().setOption(ChannelOption.SO_REUSEADDR, true);
        if (b.address().getAddress() instanceof Inet6Address && (b.v6only() || b.v4v6())) {
            probe.config().setOption(IPV6_V6ONLY, b.v6only() ? 1 : 0);
        }
        try {
            loop.register(probe).sync();
            probe.bind(b.address()).sync();
            InetSocketAddress resolved = (InetSocketAddress) probe.localAddress();
            return new InetSocketAddress(b.address().getAddress(), resolved.getPort());
        } finally {
            probe.close().sync();
        }
    }

    private ServerBootstrap bootstrap(EventLoopGroup group, BindSpec b, Accepted accepted) {
        ServerBootstrap sb = new ServerBootstrap()
                .group(group, group)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                // TCP_NODELAY is Netty's default for accepted channels (no second setsockopt).
                // A client's half-close must not close before it is answered: plain HTTP/1 connections
                // read while a request is in flight (HttpFrontendHandler's readsWhileBusy), and mode tcp
                // passes the shutdown on to the server (TcpFrontendHandler).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, b.tls().isEmpty())
                .childOption(ChannelOption.ALLOCATOR, Transport.ALLOCATOR)
                .childHandler(accepted);
        if (fe.spec.mode() != ProxyMode.HTTP) {
            sb.childOption(ChannelOption.AUTO_READ, false);
        }
        // HAProxy's v6only / v4v6 set IPV6_V6ONLY either way; neither leaves the kernel default
        // (net.ipv6.bindv6only, 0 on Linux: an IPv6 wildcard takes IPv4 clients too).
        if (Transport.reusePort() && b.address().getAddress() instanceof Inet6Address && (b.v6only() || b.v4v6())) {
            sb.option(IPV6_V6ONLY, b.v6only() ? 1 : 0);
        }
        return sb;
    }

    /**
     * Set up of every accepted connection of one bind, shared by all of them: counts it, builds its
     * pipeline, and stays first in it to count its end (no {@code ChannelInitializer}, whose
     * bookkeeping set and closeFuture listener cost per connection).
     */
    @ChannelHandler.Sharable
    private final class Accepted extends ChannelInboundHandlerAdapter {
        private final BindSpec b;
        private final Optional<Mapping<String, SslContext>> tls;

        Accepted(BindSpec b, Optional<Mapping<String, SslContext>> tls) {
            this.b = b;
            this.tls = tls;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            init(ctx.channel(), b, tls);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fe.connections.decrementAndGet();
            globalConnections.decrementAndGet();
            if (paused) {
                resumeIfAllowed();
            }
            ctx.fireChannelInactive();
        }
    }

    private void init(Channel ch, BindSpec b, Optional<Mapping<String, SslContext>> tls) {
        int now = fe.connections.incrementAndGet();
        int all = globalConnections.incrementAndGet();
        fe.totalConnections.increment();
        if (now > fe.maxConnections) {
            fe.maxConnections = now;
        }
        if (now >= fe.spec.maxconn() || all >= globalMax) {
            pause();
        }
        var p = ch.pipeline();
        if (b.acceptProxy()) {
            p.addLast("proxy-header", new ProxyHeaderFramer());
        }
        tls.ifPresent(m -> p.addLast("tls", new SniRecorder(m)));
        if (fe.spec.mode() == ProxyMode.TCP) {
            LiveBackend backend = fe.backends.get(fe.spec.defaultBackend().orElseThrow());
            // A TCP connection is a tunnel from the start: HAProxy's timeout tunnel supersedes timeout client
            // (and server). Idle both ways that long, TcpFrontendHandler closes it.
            backend.spec().timeouts().tunnel().or(() -> fe.spec.timeouts().client()).ifPresent(t ->
                    p.addLast("idle", TcpFrontendHandler.idleFor(t)));
            p.addLast("tcp", new TcpFrontendHandler(fe, backend, b.acceptProxy()));
            return;
        }
        if (b.tls().isPresent() && b.tls().get().alpn().contains("h2")) {
            p.addLast("alpn", new Http2Negotiation(fe, () -> addHttp1(p, true)));
            return;
        }
        addHttp1(p, b.tls().isPresent());
    }

    private void addHttp1(io.netty.channel.ChannelPipeline p, boolean tls) {
        // Decoder and encoder apart (not HttpServerCodec): proxied responses are written as bytes below the
        // encoder, so HttpServerCodec's queue of request methods (filled per request, drained per encoded
        // response) would grow forever.
        p.addLast("http-request", new HttpRequestDecoder(fe.global.bufferSize(), fe.global.bufferSize(), 65536));
        p.addLast("http", new HttpResponseEncoder());
        // The aggregator joins the pipeline with the connection's first small body; larger ones stream (RequestBodies).
        p.addLast("bodies", new RequestBodies());
        p.addLast("frontend", new HttpFrontendHandler(fe, tls));
    }

    private synchronized void pause() {
        paused = true;
        applyPause();
        // A connection may have closed between the count and the flag: check again.
        resumeIfAllowed();
    }

    /** Only called while paused, so the listeners are touched when crossing the limit, not per connection. */
    private synchronized void resumeIfAllowed() {
        if (paused && fe.connections.get() < fe.spec.maxconn() && globalConnections.get() < globalMax) {
            paused = false;
            applyPause();
        }
    }

    /**
     * Each listener switches on its own loop, to the state current when the switch runs (so a
     * pause and a resume in quick succession end in the right order). Netty clears a listener's
     * epoll interest at once only from its own loop: asked from another thread while a read is
     * pending (always, between accepts) it would accept one more connection first.
     */
    private void applyPause() {
        for (Channel l : listeners) {
            l.eventLoop().execute(() -> l.config().setAutoRead(!paused));
        }
    }

    List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    @Override
    public void close() {
        for (Channel l : listeners) {
            l.close().syncUninterruptibly();
        }
    }

}
