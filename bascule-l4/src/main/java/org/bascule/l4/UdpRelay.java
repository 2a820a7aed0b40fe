package org.bascule.l4;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.L4Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of a NAT virtual service (DNS, syslog behind a VIP): one datagram socket on the
 * VIP, and a flow table keyed by the client's address and port, as IPVS keeps a UDP
 * connection entry per client tuple ({@code ip_vs_proto_udp.c}).
 *
 * <p>A client's first datagram is scheduled like a TCP connection; the flow then gets its own
 * socket connected to the chosen real server, so the server's replies come back on it and are
 * sent to the client from the VIP (the source address IPVS's NAT would rewrite them to). Every
 * datagram in either direction re-arms the flow's timer; a flow idle for the {@code udp}
 * timeout (300 s by default, {@code ipvsadm --set}) is dropped. A flow whose real server failed
 * its checks is scheduled anew on its next datagram; one whose server was drained (weight 0)
 * or removed keeps it, as IPVS keeps such entries ({@code expire_nodest_conn=0}).
 *
 * <p>Everything here runs on the VIP socket's event loop (flow sockets are registered on it),
 * so the table needs no lock; listings read it as a concurrent map.
 */
final class UdpRelay {

    private static final Logger log = LoggerFactory.getLogger(UdpRelay.class);
    /** Largest UDP payload over IPv4. */
    private static final int MAX_DATAGRAM = 65507;

    private final NatVirtualServer service;
    private final LongSupplier nowMillis;
    private final Map<InetSocketAddress, Flow> flows = new ConcurrentHashMap<>();
    private final LongAdder unscheduled = new LongAdder();
    private Channel socket;
    private InetSocketAddress vip;

    /** One client tuple and its real server. */
    private final class Flow {
        final InetSocketAddress client;
        final RealServer server;
        final ChannelFuture upstream;
        volatile long lastSeen;

        Flow(InetSocketAddress client, RealServer server, ChannelFuture upstream, long now) {
            this.client = client;
            this.server = server;
            this.upstream = upstream;
            this.lastSeen = now;
        }

        void close() {
            upstream.channel().close();
        }
    }

    UdpRelay(NatVirtualServer service, LongSupplier nowMillis) {
        this.service = service;
        this.nowMillis = nowMillis;
    }

    /** Binds the VIP socket; returns the address bound (the port chosen when 0 was asked). */
    InetSocketAddress bind(EventLoopGroup group, InetSocketAddress address) {
        Bootstrap b = new Bootstrap().group(group).channel(L4Transport.current().datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(L4Transport.current().ipFreebind(), true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        fromClient(packet);
                    }
                });
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IllegalStateException("virtual_server " + service.label() + ": cannot listen: "
                    + f.cause().getMessage(), f.cause());
        }
        socket = f.channel();
        vip = (InetSocketAddress) socket.localAddress();
        return vip;
    }

    private void fromClient(DatagramPacket packet) {
        InetSocketAddress client = packet.sender();
        long now = nowMillis.getAsLong();
        Flow flow = flows.get(client);
        if (flow != null && service.failed(flow.server)) {
            log.debug("{}: flow of {} leaves failed {}", service.label(), client, flow.server);
            flows.remove(client);
            flow.close();
            flow = null;
        }
        if (flow == null) {
            Optional<ServiceScheduler.Placement> chosen = service.schedule(client);
            if (chosen.isEmpty()) {
                unscheduled.increment();
                log.debug("{}: no destination available for {}", service.label(), client);
                return;
            }
            Flow opened = open(client, chosen.get().server(), now);
            flow = opened;
            // a persistence template counts the flow as a connection until the flow closes
            chosen.get().template().ifPresent(t -> opened.upstream.channel().closeFuture().addListener(
                    (ChannelFutureListener) closed -> t.released(service.schedulerClock())));
        }
        flow.lastSeen = now;
        ByteBuf payload = packet.content().retain();
        int bytes = payload.readableBytes();
        service.meter().in(bytes);
        flow.server.meter().in(bytes);
        Flow f = flow;
        flow.upstream.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                done.channel().writeAndFlush(payload, done.channel().voidPromise());
            } else {
                payload.release();
                log.debug("{}: flow {} -> {} failed: {}", service.label(), f.client, f.server, done.cause().getMessage());
            }
        });
    }

    private Flow open(InetSocketAddress client, RealServer server, long now) {
        EventLoop loop = socket.eventLoop();
        Flow[] self = new Flow[1];
        ChannelFuture upstream = new Bootstrap().group(loop).channel(L4Transport.current().datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
                        fromServer(self[0], reply);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // ICMP port unreachable arrives as an error on the connected socket:
                        // the datagram is lost, as with IPVS; the checks decide about the server.
                        log.debug("{}: flow {} -> {}: {}", service.label(), client, server, cause.toString());
                    }
                })
                .connect(server.address());
        Flow flow = new Flow(client, server, upstream, now);
        self[0] = flow;
        flows.put(client, flow);
        server.meter().connection();
        service.meter().connection();
        return flow;
    }

    private void fromServer(Flow flow, DatagramPacket reply) {
        if (flows.get(flow.client) != flow) {
            return; // expired or moved meanwhile
        }
        flow.lastSeen = nowMillis.getAsLong();
        ByteBuf payload = reply.content().retain();
        int bytes = payload.readableBytes();
        service.meter().out(bytes);
        flow.server.meter().out(bytes);
        socket.writeAndFlush(new DatagramPacket(payload, flow.client, vip), socket.voidPromise());
    }

    /** Drops the flows idle for {@code udpSeconds}; runs on the socket's event loop. */
    void sweep(long now, int udpSeconds) {
        Channel s = socket;
        if (s == null) {
            return;
        }
        s.eventLoop().execute(() -> {
            for (Flow f : List.copyOf(flows.values())) {
                if (now - f.lastSeen >= udpSeconds * 1000L) {
                    flows.remove(f.client, f);
                    f.close();
                }
            }
        });
    }

    /** Live flows per real server: IPVS shows them as InActConn. */
    Map<RealServer, Long> flowsPerServer() {
        Map<RealServer, Long> counts = new HashMap<>();
        for (Flow f : flows.values()) {
            counts.merge(f.server, 1L, Long::sum);
        }
        return counts;
    }

    List<ConnectionView> entries(InetSocketAddress virtual, long now, int udpSeconds) {
        List<ConnectionView> out = new ArrayList<>();
        for (Flow f : flows.values()) {
            long left = udpSeconds - (now - f.lastSeen) / 1000;
            out.add(new ConnectionView(L4Protocol.UDP, left, "UDP", f.client, virtual, f.server.address()));
        }
        return out;
    }

    /** Datagrams dropped because no real server could take a new flow. */
    long unscheduled() {
        return unscheduled.sum();
    }

    /** Closes the VIP socket and every flow socket. */
    void close() {
        Channel s = socket;
        if (s != null) {
            s.close().awaitUninterruptibly();
        }
        flows.values().forEach(Flow::close);
        flows.clear();
    }
}
