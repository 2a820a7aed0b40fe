package org.bascule.l4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection proxied to one real server: the NAT entry of IPVS's connection table,
 * kept by the proxy. Both channels live on the client's event loop (the server side is
 * registered there), so this object is confined to one thread and needs no synchronisation.
 *
 * <ul>
 *   <li>Connect: to the scheduled server; on refusal or timeout the failure is counted against
 *       that server and the next live one is tried, each at most once, then the sorry server,
 *       before the client is closed. IPVS cannot do this: the client's SYN is already
 *       forwarded and simply lost.</li>
 *   <li>Relay with backpressure: when the receiving side's buffer is over its high water mark
 *       the sending side stops reading ({@code autoRead} off) until it drains.</li>
 *   <li>Half-close: a FIN from one side becomes a FIN to the other once what was read before
 *       it is written; when both directions are finished both channels close.</li>
 *   <li>Early bytes: the client is not read before its real server answers, but epoll still
 *       reports a client's FIN (EPOLLRDHUP) and Netty then reads what came with it. Those bytes
 *       and that FIN are held and passed on once connected, also across a failover.</li>
 * </ul>
 */
final class ProxiedConnection {

    private static final Logger log = LoggerFactory.getLogger(ProxiedConnection.class);

    /** The real server the listener's scheduler chose for an accepted channel. */
    static final AttributeKey<RealServer> SCHEDULED = AttributeKey.valueOf("bascule.l4.scheduled");

    private final NatVirtualServer service;
    private final Channel client;
    private final InetSocketAddress clientAddress;
    private final List<RealServer> tried = new ArrayList<>(2);
    /** Client bytes read before the real server answered. */
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>(1);
    private Channel server;
    private RealServer destination;
    private boolean established;
    private boolean finished;
    private boolean clientFinished;
    private boolean serverFinished;
    /** Wall-clock time of the last byte relayed, for the tcp timeout and {@code ipvsadm -c}. */
    private volatile long lastActivityMillis;

    ProxiedConnection(NatVirtualServer service, Channel client) {
        this.service = service;
        this.client = client;
        this.clientAddress = (InetSocketAddress) client.remoteAddress();
    }

    ChannelHandler clientHandler() {
        return new RelayHandler(this, true);
    }

    /** The client's connection is accepted and registered. */
    void start() {
        RealServer scheduled = client.attr(SCHEDULED).getAndSet(null);
        if (scheduled == null) {
            log.debug("{}: no destination available for {}", service.label(), client.remoteAddress());
            client.close();
            return;
        }
        connect(scheduled);
    }

    private void connect(RealServer rs) {
        tried.add(rs);
        destination = rs;
        ChannelFuture attempt = service.backend(client.eventLoop(), new RelayHandler(this, false)).connect(rs.address());
        server = attempt.channel();
        attempt.addListener((ChannelFutureListener) f -> connected(f, rs));
    }

    private void connected(ChannelFuture f, RealServer rs) {
        rs.connectDone(); // counted since it was scheduled (or chosen for a retry)
        if (!client.isActive()) {
            f.channel().close(); // the client gave up while we were connecting
            return;
        }
        if (!f.isSuccess()) {
            rs.connectFailed();
            var next = service.failover(rs, tried);
            log.debug("{}: connect to {} for {} failed ({}), {}", service.label(), rs, client.remoteAddress(),
                    f.cause().getMessage(), next.map(n -> "trying " + n).orElse("no other server to try"));
            if (next.isPresent()) {
                next.get().connecting();
                connect(next.get());
            } else {
                client.close();
            }
            return;
        }
        established = true;
        rs.opened();
        service.meter().connection();
        lastActivityMillis = System.currentTimeMillis();
        service.connectionTable().opened(this);
        for (ByteBuf buf = early.poll(); buf != null; buf = early.poll()) {
            forward(true, buf);
        }
        server.flush();
        if (clientFinished) {
            passFin(server);
        } else {
            client.config().setAutoRead(true);
        }
        server.config().setAutoRead(true);
    }

    /** A read from one side, for the other. */
    void relay(boolean fromClient, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!established) {
            early.add(buf); // only the client can be read yet, and only with its FIN
            return;
        }
        lastActivityMillis = System.currentTimeMillis();
        Channel from = fromClient ? client : server;
        Channel to = forward(fromClient, buf);
        if (!to.isWritable()) {
            from.config().setAutoRead(false);
        }
    }

    /** Counts and writes (without flushing) one read; returns the channel written to. */
    private Channel forward(boolean fromClient, ByteBuf buf) {
        Channel to = fromClient ? server : client;
        int bytes = buf.readableBytes();
        if (fromClient) {
            service.meter().in(bytes);
            destination.meter().in(bytes);
        } else {
            service.meter().out(bytes);
            destination.meter().out(bytes);
        }
        to.write(buf, to.voidPromise());
        return to;
    }

    /** The read burst from one side is over: push what was written to the other. */
    void flush(boolean fromClient) {
        if (established) {
            (fromClient ? server : client).flush();
        }
    }

    /** One side's send buffer crossed a water mark: resume or keep pausing the side that feeds it. */
    void writabilityChanged(boolean clientSide) {
        Channel ch = clientSide ? client : server;
        Channel feeder = clientSide ? server : client;
        if (established && ch.isWritable() && feeder.isActive()) {
            feeder.config().setAutoRead(true);
        }
    }

    /** One side sent FIN: pass it on after the data read before it. */
    void inputShutdown(boolean fromClient) {
        if (fromClient) {
            clientFinished = true;
        } else {
            serverFinished = true;
        }
        if (!established) {
            return; // passed on when the real server answers
        }
        Channel to = fromClient ? server : client;
        if (!to.isActive() || clientFinished && serverFinished) {
            closeBoth();
            return;
        }
        passFin(to);
    }

    /** Shuts down {@code to}'s output once everything written to it is flushed. */
    private static void passFin(Channel to) {
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && to instanceof DuplexChannel duplex && to.isActive()) {
                duplex.shutdownOutput();
            }
        });
    }

    /** One side is closed (both directions, or reset). */
    void inactive(boolean clientSide, Channel ch) {
        if (!clientSide && ch != server) {
            return; // a failed earlier attempt
        }
        if (clientSide) {
            early.forEach(ByteBuf::release);
            early.clear();
        }
        if (established && !finished) {
            finished = true;
            destination.closed();
            service.connectionTable().closed(this, System.currentTimeMillis());
        }
        closeBoth();
    }

    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    InetSocketAddress destinationAddress() {
        return destination.address();
    }

    long lastActivityMillis() {
        return lastActivityMillis;
    }

    /**
     * The tcp timeout passed with nothing relayed: the entry is forgotten, as IPVS drops an
     * expired connection, and both sockets are closed. Any thread.
     */
    void expire() {
        client.eventLoop().execute(() -> {
            log.debug("{}: {} -> {} idle past the tcp timeout, closed", service.label(), client.remoteAddress(), destination);
            client.close();
            if (server != null) {
                server.close();
            }
        });
    }

    void failed(boolean clientSide, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{}: {} side of {} -> {}: {}", service.label(), clientSide ? "client" : "server",
                    client.remoteAddress(), destination, cause.getMessage());
        } else {
            log.warn("{}: {} side of {} -> {} failed", service.label(), clientSide ? "client" : "server",
                    client.remoteAddress(), destination, cause);
        }
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /** Closes both channels once what is queued for them is written. */
    private void closeBoth() {
        closeAfterFlush(client);
        if (server != null) {
            closeAfterFlush(server);
        }
    }

    private static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }
}
