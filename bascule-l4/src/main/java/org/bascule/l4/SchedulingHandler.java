package org.bascule.l4;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;

/**
 * Sits on the listening channel, before Netty hands an accepted connection to its event loop,
 * and schedules it there: every scheduling decision of a service is made on the listener's one
 * thread, in accept order, like IPVS scheduling SYNs under its {@code sched_lock} but without
 * taking a lock. The choice travels with the channel as an attribute.
 *
 * <p>The chosen server counts the connection as inactive at once, as IPVS counts a SYN, so a
 * burst of accepts does not all land on the same least-loaded server before any of them is
 * established. A persistence template is released when the client's channel closes
 * (its {@code n_control} in IPVS).
 */
final class SchedulingHandler extends ChannelInboundHandlerAdapter {

    private final NatVirtualServer service;

    SchedulingHandler(NatVirtualServer service) {
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && child.remoteAddress() instanceof InetSocketAddress client) {
            service.schedule(client).ifPresent(placement -> {
                placement.server().connecting();
                child.attr(ProxiedConnection.SCHEDULED).set(placement.server());
                placement.template().ifPresent(t -> child.closeFuture().addListener(
                        (ChannelFutureListener) f -> t.released(service.schedulerClock())));
            });
        }
        ctx.fireChannelRead(msg);
    }
}
