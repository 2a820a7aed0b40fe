package org.bascule.l7;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a server connection's pipeline: hands what the server sends to the
 * {@link HttpExchange} the connection is serving, if any. An idle pooled connection that
 * receives anything, or closes, is simply dropped.
 */
final class ServerHandler extends ChannelInboundHandlerAdapter {

    HttpExchange exchange;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null && msg instanceof HttpObject o) {
            exchange.onServerMessage(o);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.flushClient();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onServerClosed(null);
        }
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
