package org.bascule.l4;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/** The end of a {@link ProxiedConnection} on one of its two channels: forwards every event to it. */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final ProxiedConnection connection;
    private final boolean clientSide;

    RelayHandler(ProxiedConnection connection, boolean clientSide) {
        this.connection = connection;
        this.clientSide = clientSide;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (clientSide) {
            connection.start();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.relay(clientSide, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.flush(clientSide);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.inputShutdown(clientSide);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.writabilityChanged(clientSide);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.inactive(clientSide, ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.failed(clientSide, cause);
    }
}
