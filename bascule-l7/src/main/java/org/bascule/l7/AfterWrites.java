package org.bascule.l7;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;

/**
 * Ending a relayed connection (mode tcp, upgraded HTTP tunnels) once everything written to it so
 * far is out: Netty fails the writes still queued when a channel is closed, or its output shut,
 * at once, so the end of what was relayed would be lost.
 */
final class AfterWrites {

    private AfterWrites() {}

    /** Passes a peer's half-close on: shuts {@code ch}'s sending direction after the pending writes. */
    static void shutOutput(Channel ch) {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (f.isSuccess() && ch instanceof DuplexChannel d && !d.isOutputShutdown()) {
                d.shutdownOutput();
            }
        });
    }

    /** Closes {@code ch} after the pending writes. */
    static void close(Channel ch) {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
