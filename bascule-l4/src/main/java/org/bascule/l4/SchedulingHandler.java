package org.bascule.l4;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;

/**
 * Sits on the listening channel, before Netty hands an accepted connection to its event loop,
 * and schedules it there: every scheduling decision of a service is made on the listener's one
 * thread, in accept order, like IPVS scheduling SYNs under its {@code sched_lock} but without
 * taking a lock. The choice travels with the channel as an attribute.
 */
final class SchedulingHandler extends ChannelInboundHandlerAdapter {

    private final NatVirtualServer service;

    SchedulingHandler(NatVirtualServer service) {
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && child.remoteAddress() instanceof InetSocketAddress client) {
            service.schedule(client).ifPresent(rs -> child.attr(ProxiedConnection.SCHEDULED).set(rs));
        }
        ctx.fireChannelRead(msg);
    }
}
