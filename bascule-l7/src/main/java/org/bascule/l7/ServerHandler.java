package org.bascule.l7;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.bascule.l7.http1.Field;
import org.bascule.l7.http1.ResponseFramer;
import org.bascule.l7.http1.ResponseFramingException;
import org.bascule.l7.http1.ResponseHead;

/**
 * The end of a server connection's pipeline: frames what the server sends as bytes
 * ({@link ResponseFramer}) and hands heads, body slices and the end to the {@link HttpExchange}
 * the connection is serving, if any. An idle pooled connection that receives anything, or
 * closes, is simply dropped.
 *
 * <p>{@code timeout server} is one {@link LazyTimer} per connection: attaching an exchange or
 * reading only moves its deadline, so a busy keep-alive connection schedules nothing per request.
 */
final class ServerHandler extends ChannelInboundHandlerAdapter implements ResponseFramer.Listener {

    HttpExchange exchange;
    /** The server connected to, whose idle pool this connection may be in. */
    private final LiveServer server;
    private final int maxHead;
    private ResponseFramer framer;
    private ChannelHandlerContext ctx;
    private long timeoutNanos;
    private LazyTimer timer;

    /** {@code maxHead}: {@code tune.bufsize}, the largest response head accepted. */
    ServerHandler(LiveServer server, int maxHead) {
        this.server = server;
        this.maxHead = maxHead;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.framer = new ResponseFramer(ctx.alloc(), maxHead, this);
        this.timer = new LazyTimer(ctx.executor(), this::timedOut);
    }

    /**
     * The exchange's request is being sent on this connection; {@code timeoutNanos} 0 means no server
     * timeout; {@code upgradeAsked}: the request carries Upgrade, a 101 makes the connection a tunnel.
     */
    void attach(HttpExchange ex, boolean headRequest, boolean upgradeAsked, long timeoutNanos) {
        exchange = ex;
        framer.expect(headRequest, upgradeAsked);
        inactivity(timeoutNanos);
    }

    /** Sets the inactivity limit on what the server sends ({@code timeout server}, or {@code tunnel} once upgraded) from now. */
    void inactivity(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        if (timeoutNanos > 0) {
            timer.arm(timeoutNanos);
        } else {
            timer.disarm();
        }
    }

    /** Traffic the other way counts as activity ({@code timeout tunnel}: inactive in both directions). */
    void touch() {
        if (timeoutNanos > 0) {
            timer.arm(timeoutNanos);
        }
    }

    /** The exchange is over: the connection idles (in the pool, or until it closes) with no timeout running. */
    void detach() {
        exchange = null;
        timer.disarm();
    }

    /** The server was silent for {@code timeout server} while serving an exchange (idle pooled connections are not timed). */
    private void timedOut() {
        HttpExchange ex = exchange;
        if (ex != null) {
            ex.serverTimedOut();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null || !(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        touch();
        try {
            framer.feed(in);
        } finally {
            in.release();
        }
    }

    @Override
    public boolean onHead(ResponseHead head) {
        HttpExchange ex = exchange;
        return ex != null && ex.onResponseHead(head);
    }

    @Override
    public void onBody(ByteBuf bytes) {
        HttpExchange ex = exchange;
        if (ex == null) {
            bytes.release();
        } else {
            ex.onResponseBody(bytes);
        }
    }

    @Override
    public void onEnd(boolean clean, List<Field> trailers) {
        HttpExchange ex = exchange;
        if (ex != null) {
            ex.onResponseEnd(clean, trailers);
        }
    }

    @Override
    public void onError(ResponseFramingException e) {
        HttpExchange ex = exchange;
        if (ex == null) {
            ctx.close();
        } else {
            ex.onResponseInvalid(e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.flushClient();
        }
    }

    /** The server's FIN where a half-close is allowed, which only a tunnel's connection does (HttpExchange.openTunnel). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            HttpExchange ex = exchange;
            if (ex != null) {
                ex.serverShutOutput();
            } else {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpExchange ex = exchange;
        if (ex != null) {
            ex.serverWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        // A close-delimited body ends here (RFC 9112 §6.3 rule 8); anything else was cut short.
        if (exchange != null && !framer.inputClosed()) {
            exchange.onServerClosed(null);
        } else if (exchange == null) {
            // Idle: a pooled connection that closed (the server timed it out) leaves its pool.
            server.forgetIdle(ctx.channel());
        }
        framer.discard();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpExchange ex = exchange;
        ctx.close();
        if (ex != null) {
            ex.onServerClosed(cause);
        }
    }
}
