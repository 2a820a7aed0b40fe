package org.bascule.l7;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;

/** Passing a peer's half-close on to the other connection of a relay (mode tcp, upgraded HTTP tunnels). */
final class HalfClose {

    private HalfClose() {}

    /**
     * Shuts {@code ch}'s sending direction once everything written to it so far is out: Netty
     * fails the writes still queued when the output is shut at once, so the end of what was
     * relayed would be lost.
     */
    static void afterWrites(Channel ch) {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (f.isSuccess() && ch instanceof DuplexChannel d && !d.isOutputShutdown()) {
                d.shutdownOutput();
            }
        });
    }
}
