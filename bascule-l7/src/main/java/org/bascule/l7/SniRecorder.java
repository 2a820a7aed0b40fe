package org.bascule.l7;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.Mapping;
import java.util.Optional;

/**
 * The TLS side of a {@code bind … ssl}: picks the certificate by SNI (RFC 6066 §3), as Netty's
 * handler does, and keeps the name the client sent on its connection for {@code ssl_fc_sni} and
 * {@code ssl_fc_has_sni}, since the handler leaves the pipeline once the certificate is chosen.
 */
final class SniRecorder extends SniHandler {

    private static final AttributeKey<String> REQUESTED = AttributeKey.valueOf("bascule.sni");

    SniRecorder(Mapping<? super String, ? extends SslContext> certificates) {
        super(certificates);
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) throws Exception {
        if (hostname != null) {
            ctx.channel().attr(REQUESTED).set(hostname);
        }
        super.replaceHandler(ctx, hostname, sslContext);
    }

    /** The server name the client of {@code connection} asked for (lower-case, as Netty reads it), if any. */
    static Optional<String> requested(Channel connection) {
        return Optional.ofNullable(connection.attr(REQUESTED).get());
    }
}
