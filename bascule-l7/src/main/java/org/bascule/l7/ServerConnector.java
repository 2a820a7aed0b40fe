package org.bascule.l7;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.bascule.l7.proxyproto.ProxyHeader;
import org.bascule.l7.proxyproto.ProxyHeaderCodec;
import org.bascule.l7.spec.ServerTls;

/**
 * Opens connections to servers on the event loop of the client connection that needs them, so
 * the two channels of a proxied exchange never cross threads. Writes the PROXY header first
 * when the server has {@code send-proxy}/{@code send-proxy-v2}, and wraps the connection in TLS
 * for {@code ssl}.
 *
 * <p>With {@code ssl} the returned future completes when the TLS handshake is done, within
 * {@code timeout connect}: like HAProxy, a handshake that fails (an untrusted certificate, a
 * name that does not match {@code sni}) is a failed connection, retried and finally a 503,
 * never a request sent into a connection that cannot carry it.
 */
final class ServerConnector {

    private ServerConnector() {}

    private static final String[] HANDLER_NAMES = {"server-0", "server-1", "server-2"};

    /**
     * A new connection to {@code server}, registered on {@code loop} with {@code pipeline}'s
     * handlers in place before the connect starts. Built by hand rather than with a
     * {@code Bootstrap}: per connect, a Bootstrap copies its options, takes the resolver group's
     * lock, adds and removes a {@code ChannelInitializer} and queues the connect as a task.
     */
    static ChannelFuture connect(LiveServer server, EventLoop loop, Duration connectTimeout,
            Supplier<ChannelHandler[]> pipeline, InetSocketAddress client, InetSocketAddress frontend) {
        InetSocketAddress target = server.spec().address();
        Channel ch = Transport.clientChannel(target).newChannel();
        // ALLOW_HALF_CLOSURE is off and TCP_NODELAY on by default for Netty's TCP channels.
        ch.config().setAllocator(Transport.ALLOCATOR);
        ch.config().setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        Optional<ServerTls> tls = server.spec().tls();
        if (tls.isPresent()) {
            try {
                SslHandler ssl = clientSsl(tls.get()).newHandler(ch.alloc(),
                        tls.get().sni().orElse(target.getHostString()), target.getPort());
                ssl.setHandshakeTimeoutMillis(Math.max(1, connectTimeout.toMillis()));
                ch.pipeline().addLast("ssl", ssl);
            } catch (SSLException e) {
                ch.unsafe().closeForcibly();
                return ch.newFailedFuture(e);
            }
        }
        ChannelHandler[] handlers = pipeline.get();
        for (int i = 0; i < handlers.length; i++) {
            // Named here: a generated name costs a thread-local cache lookup and a pipeline walk per handler.
            ch.pipeline().addLast(i < HANDLER_NAMES.length ? HANDLER_NAMES[i] : "server-" + i, handlers[i]);
        }
        ChannelPromise connected = ch.newPromise();
        ChannelFuture registered = loop.register(ch);
        if (registered.isDone()) {
            // The usual case: called on the loop itself, registration completes at once.
            connectRegistered(registered, target, connected);
        } else {
            registered.addListener(r -> connectRegistered(registered, target, connected));
        }
        switch (server.spec().sendProxy()) {
            case NONE -> { }
            case V1, V2 -> connected.addListener(done -> {
                if (done.isSuccess()) {
                    ProxyHeader h = proxied(client, frontend);
                    byte[] bytes = server.spec().sendProxy() == org.bascule.l7.spec.ProxyProtocol.V1
                            ? ProxyHeaderCodec.encodeV1(h) : ProxyHeaderCodec.encodeV2(h);
                    // Written below any TLS handler: the PROXY header precedes the TLS handshake on the wire.
                    ch.pipeline().firstContext().writeAndFlush(Unpooled.wrappedBuffer(bytes));
                }
            });
        }
        if (tls.isEmpty()) {
            return connected;
        }
        // With TLS the connection is usable once the handshake is done (bounded by timeout connect):
        // a failed handshake is a failed connect, retried and counted as such, as in HAProxy.
        ChannelPromise established = ch.newPromise();
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                established.tryFailure(done.cause());
                return;
            }
            ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    established.trySuccess();
                } else {
                    established.tryFailure(h.cause());
                    ch.close();
                }
            });
        });
        return established;
    }

    /**
     * Closes a server connection that owes nothing more (idle, evicted from the pool, or abandoned
     * mid-exchange) with a RST, so that no TIME_WAIT is left on the proxy's side: with a FIN the
     * proxy, as the side that closes first, would hold one per connection and soon search long for
     * free source ports. HAProxy's mux-h1 kills idle and unwanted server connections the same way
     * (its fix "always use RST to kill idle connections in pools", backported to 2.4).
     */
    static void reset(Channel ch) {
        if (ch.isOpen()) {
            try {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (ChannelException e) {
                // Closed meanwhile: the close below is all that is left to do.
            }
        }
        ch.close();
    }

    private static void connectRegistered(ChannelFuture registered, InetSocketAddress target, ChannelPromise connected) {
        Channel ch = registered.channel();
        if (!registered.isSuccess()) {
            if (ch.isRegistered()) {
                ch.close();
            } else {
                ch.unsafe().closeForcibly();
            }
            connected.setFailure(registered.cause());
            return;
        }
        ch.connect(target, connected);
    }

    /** The header telling the server who the client is; mixed families (v6 client, v4 bind) map the v4 side. */
    static ProxyHeader proxied(InetSocketAddress client, InetSocketAddress frontend) {
        var c = client.getAddress();
        var d = frontend.getAddress();
        if ((c instanceof java.net.Inet4Address) == (d instanceof java.net.Inet4Address)) {
            return new ProxyHeader.Proxied(client, frontend);
        }
        return new ProxyHeader.Proxied(new InetSocketAddress(v6(c), client.getPort()), new InetSocketAddress(v6(d), frontend.getPort()));
    }

    private static java.net.InetAddress v6(java.net.InetAddress a) {
        if (a instanceof java.net.Inet6Address) {
            return a;
        }
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, m, 12, 4);
        try {
            return java.net.Inet6Address.getByAddress(null, m, null);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.Map<ServerTls, SslContext> CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static SslContext clientSsl(ServerTls tls) throws SSLException {
        SslContext known = CONTEXTS.get(tls);
        if (known != null) {
            return known;
        }
        SslContextBuilder b = SslContextBuilder.forClient();
        if (tls.verify()) {
            b.trustManager(tls.caFile().orElseThrow().toFile());
            // HAProxy's 'verify required' checks the certificate's names against 'sni' when one is sent; "when no
            // name is found, the certificate's names are ignored" (configuration.txt, "verify"). Netty 4.2 checks
            // the peer host by default, which would refuse a server known by its address: follow HAProxy.
            b.endpointIdentificationAlgorithm(tls.sni().isPresent() ? "HTTPS" : null);
        } else {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        SslContext built = b.build();
        CONTEXTS.putIfAbsent(tls, built);
        return built;
    }
}
