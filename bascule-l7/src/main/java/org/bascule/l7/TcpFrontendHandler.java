package org.bascule.l7;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bascule.l7.proxyproto.ProxyHeader;
import org.bascule.l7.proxyproto.ProxyHeaderException;

/**
 * One client connection of a {@code mode tcp} frontend: pick a server of the default backend,
 * connect (with {@code retries} and {@code redispatch} as in HTTP mode), then relay bytes both
 * ways with back-pressure (a side stops reading while the other cannot take more). Under
 * {@code accept-proxy} the connection waits for the PROXY header before choosing.
 *
 * <p>Half-closes pass through, as HAProxy forwards a shutdown: when one side shuts its sending
 * direction, the other connection's sending direction is shut once what was relayed is written,
 * and the answer still travels back. Both connections close when both directions are shut, or
 * when either side closes outright. (Plain TCP only: a TLS client's half-close closes.)
 *
 * <p>Timeouts, one per side as in HAProxy, each counting inactivity in both directions of its
 * connection: {@code timeout client} on the client's, {@code timeout server} on the server's, or
 * {@code timeout tunnel} (HAProxy: a TCP connection is a tunnel from the start) replacing both.
 * Once a direction is shut, {@code timeout client-fin} and {@code server-fin}, where set, replace
 * their side's, so a peer that never finishes the other direction does not hold the connection
 * for {@code timeout tunnel}. Either side's timeout closes both connections.
 */
final class TcpFrontendHandler extends ChannelInboundHandlerAdapter {

    private final FrontendRuntime fe;
    private final LiveBackend backend;
    private final boolean waitForProxyHeader;
    private InetSocketAddress client;
    private InetSocketAddress local;
    private ChannelHandlerContext ctx;
    private Channel server;
    private LiveServer chosen;
    private boolean holdsSlot;
    private int retriesLeft;
    private final Set<LiveServer> failed = new HashSet<>();
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    /** The client shut its sending side (before the server connection was up, it is passed on once it is). */
    private boolean clientShut;
    /** The server shut its sending side. */
    private boolean serverShut;
    /** The session ended on a timeout or an I/O error, counted once as cli_abrt or srv_abrt (HAProxy's cD/CD, sD/SD). */
    private boolean aborted;
    /** The session's times for show stat: ctime up to the connect, rtime 0 (HAProxy's for TCP), ttime to the close. */
    private final RequestTimes.Clock times = new RequestTimes.Clock(System::nanoTime);

    TcpFrontendHandler(FrontendRuntime fe, LiveBackend backend, boolean waitForProxyHeader) {
        this.fe = fe;
        this.backend = backend;
        this.waitForProxyHeader = waitForProxyHeader;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        client = (InetSocketAddress) ctx.channel().remoteAddress();
        local = (InetSocketAddress) ctx.channel().localAddress();
        retriesLeft = backend.spec().retries();
        if (waitForProxyHeader) {
            ctx.read();
        } else {
            choose(Set.of());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ProxyHeader h) {
            if (h instanceof ProxyHeader.Proxied p) {
                client = p.source();
                local = p.destination();
            }
            choose(Set.of());
            return;
        }
        if (server == null || !server.isActive()) {
            early.add(msg);
            return;
        }
        if (msg instanceof ByteBuf b) {
            fe.bytesIn.add(b.readableBytes());
        }
        server.writeAndFlush(msg).addListener(relayed(ctx.channel()));
    }

    private void choose(Set<LiveServer> exclude) {
        switch (backend.pick(PickKey.tcp(client.getAddress()), exclude)) {
            case LiveBackend.Choice.Picked p -> connect(p.server());
            case LiveBackend.Choice.Full f -> ctx.close();
            case LiveBackend.Choice.NoServer n -> ctx.close();
        }
    }

    private void connect(LiveServer s) {
        if (chosen == null) {
            backend.total.increment();
        }
        times.serverChosen();
        chosen = s;
        holdsSlot = true;
        s.noteActive(s.active.incrementAndGet());
        s.total.increment();
        s.connects.increment();
        Duration timeout = backend.spec().timeouts().connect().orElse(Duration.ofSeconds(5));
        // timeout tunnel, when set, is the client side's alone (FrontendListener): it counts both directions already.
        Optional<Duration> serverIdle = backend.spec().timeouts().tunnel().isPresent() ? Optional.empty()
                : backend.spec().timeouts().server();
        ChannelFuture f = ServerConnector.connect(s, ctx.channel().eventLoop(), timeout,
                () -> serverIdle.isPresent()
                        ? new ChannelHandler[] {idleFor(serverIdle.get()), new Relay(ctx.channel(), s)}
                        : new ChannelHandler[] {new Relay(ctx.channel(), s)},
                client, local);
        f.addListener(done -> {
            if (!ctx.channel().isActive()) {
                f.channel().close();
                release();
                return;
            }
            if (done.isSuccess()) {
                times.requestSent();
                times.responseHead();
                server = f.channel();
                Object m;
                while ((m = early.poll()) != null) {
                    server.write(m);
                }
                server.flush();
                if (clientShut) {
                    AfterWrites.shutOutput(server);
                    directionShut(); // server-fin for the new connection
                    return;
                }
                ctx.channel().config().setAutoRead(true);
                ctx.read();
                return;
            }
            s.connectErrors.increment();
            release();
            if (retriesLeft-- <= 0) {
                ctx.close();
                return;
            }
            s.retries.increment();
            failed.add(s);
            if ((backend.spec().redispatch() && retriesLeft == 0) || !s.usable()) {
                choose(Set.copyOf(failed));
            } else {
                connect(s);
            }
        });
    }

    private void release() {
        if (holdsSlot) {
            holdsSlot = false;
            chosen.active.decrementAndGet();
            backend.slotFreed();
        }
    }

    private ChannelFutureListener relayed(Channel from) {
        return f -> {
            if (!f.isSuccess()) {
                from.close();
            } else if (!f.channel().isWritable()) {
                from.config().setAutoRead(false);
            }
        };
    }

    /** Inactivity in both directions of one connection for {@code d}: an {@link IdleStateEvent} closes the relay. */
    static IdleStateHandler idleFor(Duration d) {
        return new IdleStateHandler(0, 0, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A direction was shut (its flag just set). The first one: {@code timeout client-fin} and
     * {@code server-fin}, where set, replace their side's inactivity timeout from now on. The
     * second: nothing more can pass, both connections close once what was relayed is written.
     */
    private void directionShut() {
        if (clientShut && serverShut) {
            AfterWrites.close(ctx.channel());
            if (server != null) {
                AfterWrites.close(server);
            }
            return;
        }
        fe.spec.timeouts().clientFin().ifPresent(d -> replaceIdle(ctx.pipeline(), ctx.name(), d));
        ChannelHandlerContext relay = server == null ? null : server.pipeline().context(Relay.class);
        if (relay != null) { // null once the server connection closed
            backend.spec().timeouts().serverFin().ifPresent(d -> replaceIdle(server.pipeline(), relay.name(), d));
        }
    }

    /** Puts an inactivity timeout of {@code d} in front of handler {@code before}, instead of the one there was. */
    private static void replaceIdle(ChannelPipeline p, String before, Duration d) {
        IdleStateHandler old = p.get(IdleStateHandler.class);
        if (old != null) {
            p.remove(old);
        }
        p.addBefore(before, "idle", idleFor(d));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && !clientShut) {
            clientShut = true;
            if (server != null && server.isActive()) {
                AfterWrites.shutOutput(server);
            }
            directionShut();
        } else if (evt instanceof IdleStateEvent) {
            abortedBy(true);
            ctx.close(); // timeout tunnel, else client; client-fin once half-closed
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (server != null) {
            server.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (server != null) {
            AfterWrites.close(server);
        }
        release();
        backend.recordTimes(chosen, times);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProxyHeaderException || cause.getCause() instanceof ProxyHeaderException) {
            fe.badProxyHeaders.increment();
        } else {
            abortedBy(true); // a reset or an error on the client's connection
        }
        ctx.close();
    }

    /**
     * Counts the session's abort once: {@code cli_abrt} when the client's side timed out or failed,
     * {@code srv_abrt} when the server's did, as HAProxy counts a TCP session that ends so (a FIN
     * from either side is a normal end). Nothing is counted before a server was chosen.
     */
    private void abortedBy(boolean clientSide) {
        if (aborted || chosen == null) {
            return;
        }
        aborted = true;
        (clientSide ? chosen.clientAborts : chosen.serverAborts).increment();
    }

    /** The server side of the relay. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel clientChannel;
        private final LiveServer s;

        Relay(Channel clientChannel, LiveServer s) {
            this.clientChannel = clientChannel;
            this.s = s;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext sctx) {
            // Before the connection is up: a server's half-close must not close it (see the class comment).
            sctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, clientChannel.config().getOption(ChannelOption.ALLOW_HALF_CLOSURE));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext sctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent && !serverShut) {
                serverShut = true;
                AfterWrites.shutOutput(clientChannel);
                directionShut();
            } else if (evt instanceof IdleStateEvent) {
                abortedBy(false);
                sctx.close(); // timeout server; server-fin once half-closed (the client connection follows)
                return;
            }
            sctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext sctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                fe.bytesOut.add(b.readableBytes());
                s.bytesOut.add(b.readableBytes());
            }
            clientChannel.writeAndFlush(msg).addListener(relayed(sctx.channel()));
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext sctx) {
            clientChannel.config().setAutoRead(sctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext sctx) {
            AfterWrites.close(clientChannel);
            release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext sctx, Throwable cause) {
            abortedBy(false);
            sctx.close();
        }
    }
}
