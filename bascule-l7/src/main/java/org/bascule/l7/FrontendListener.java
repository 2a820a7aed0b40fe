package org.bascule.l7;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Mapping;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bascule.l7.proxyproto.ProxyHeaderFramer;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.ProxyMode;

/**
 * The {@code bind} lines of one frontend: one listening socket each, and the pipeline of every
 * accepted connection ({@code accept-proxy} framer, TLS with SNI, HTTP codec with the
 * {@code tune.bufsize} limit, aggregation, the frontend handler).
 *
 * <p>{@code maxconn}: when the frontend (or the whole proxy) holds its maximum of connections,
 * its listening sockets stop accepting, so new clients wait in the kernel's backlog as with
 * HAProxy, and resume as connections close.
 */
final class FrontendListener implements AutoCloseable {

    /** Largest request body accepted (it is buffered for retries); more gets 413. */
    static final int MAX_REQUEST_BODY = 16 << 20;

    private final FrontendRuntime fe;
    private final AtomicInteger globalConnections;
    private final int globalMax;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();

    FrontendListener(FrontendRuntime fe, AtomicInteger globalConnections, int globalMax) {
        this.fe = fe;
        this.globalConnections = globalConnections;
        this.globalMax = globalMax;
    }

    void bind(EventLoopGroup boss, EventLoopGroup workers) throws IOException, InterruptedException {
        for (BindSpec b : fe.spec.binds()) {
            Optional<Mapping<String, SslContext>> tls = b.tls().isPresent()
                    ? Optional.of(TlsContexts.forBind(b.tls().get())) : Optional.empty();
            ServerBootstrap sb = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    // TCP_NODELAY is Netty's default for accepted channels (no second setsockopt).
                    .childOption(ChannelOption.AUTO_READ, fe.spec.mode() == ProxyMode.HTTP)
                    // Plain HTTP/1 connections read while a request is in flight (HttpFrontendHandler's
                    // readsWhileBusy), so a client's half-close must not close before it is answered.
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, fe.spec.mode() == ProxyMode.HTTP && b.tls().isEmpty())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            init(ch, b, tls);
                        }
                    });
            Channel ch = sb.bind(b.address()).sync().channel();
            // An IPv6 wildcard takes IPv4 clients too (Linux's bindv6only=0 default, HAProxy's v4v6).
            listeners.add(ch);
            bound.add((InetSocketAddress) ch.localAddress());
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
            setAccepting(false);
        }
        ch.closeFuture().addListener(f -> {
            fe.connections.decrementAndGet();
            globalConnections.decrementAndGet();
            setAccepting(true);
        });
        var p = ch.pipeline();
        if (b.acceptProxy()) {
            p.addLast("proxy-header", new ProxyHeaderFramer());
        }
        tls.ifPresent(m -> p.addLast("tls", new SniHandler(m)));
        if (fe.spec.mode() == ProxyMode.TCP) {
            fe.spec.timeouts().client().ifPresent(t -> {
                p.addLast(new IdleStateHandler(0, 0, t.toMillis(), TimeUnit.MILLISECONDS));
                p.addLast(new IdleCloser());
            });
            LiveBackend backend = fe.backends.get(fe.spec.defaultBackend().orElseThrow());
            p.addLast(new TcpFrontendHandler(fe, backend, b.acceptProxy()));
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
        p.addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BODY, true));
        p.addLast("frontend", new HttpFrontendHandler(fe, tls));
    }

    private void setAccepting(boolean on) {
        boolean allowed = fe.connections.get() < fe.spec.maxconn() && globalConnections.get() < globalMax;
        for (Channel l : listeners) {
            l.config().setAutoRead(on && allowed);
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

    /** {@code timeout client} in mode tcp: a connection idle both ways that long is closed. */
    private static final class IdleCloser extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }
    }
}
