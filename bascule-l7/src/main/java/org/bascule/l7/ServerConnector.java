package org.bascule.l7;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.NoopAddressResolverGroup;
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

    static ChannelFuture connect(LiveServer server, EventLoop loop, Duration connectTimeout,
            Supplier<ChannelHandler[]> pipeline, InetSocketAddress client, InetSocketAddress frontend) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory(Transport.clientChannel(server.spec().address()))
                // Server addresses are IP literals (ServerSpec checks): no resolver lookup per connect.
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                // TCP_NODELAY is Netty's default for TCP channels; setting it again costs a setsockopt.
                .option(ChannelOption.ALLOW_HALF_CLOSURE, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) throws SSLException {
                        Optional<ServerTls> tls = server.spec().tls();
                        if (tls.isPresent()) {
                            InetSocketAddress a = server.spec().address();
                            SslHandler ssl = clientSsl(tls.get()).newHandler(ch.alloc(), tls.get().sni().orElse(a.getHostString()),
                                    a.getPort());
                            ssl.setHandshakeTimeoutMillis(Math.max(1, connectTimeout.toMillis()));
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline().addLast(pipeline.get());
                    }
                });
        ChannelFuture f = b.connect(server.spec().address());
        switch (server.spec().sendProxy()) {
            case NONE -> { }
            case V1, V2 -> f.addListener(done -> {
                if (done.isSuccess()) {
                    ProxyHeader h = proxied(client, frontend);
                    byte[] bytes = server.spec().sendProxy() == org.bascule.l7.spec.ProxyProtocol.V1
                            ? ProxyHeaderCodec.encodeV1(h) : ProxyHeaderCodec.encodeV2(h);
                    // Written below any TLS handler: the PROXY header precedes the TLS handshake on the wire.
                    Channel ch = f.channel();
                    ch.pipeline().firstContext().writeAndFlush(Unpooled.wrappedBuffer(bytes));
                }
            });
        }
        if (server.spec().tls().isEmpty()) {
            return f;
        }
        ChannelPromise established = f.channel().newPromise();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                established.tryFailure(done.cause());
                return;
            }
            f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    established.trySuccess();
                } else {
                    established.tryFailure(h.cause());
                    f.channel().close();
                }
            });
        });
        return established;
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
