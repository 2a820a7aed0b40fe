package org.bascule.l7;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * {@code bind … ssl crt … alpn h2,http/1.1}: after the TLS handshake, a client that chose
 * {@code h2} (RFC 7540 §3.3) gets HTTP/2, each stream handled as one request by the same
 * {@link HttpFrontendHandler} as HTTP/1.1 (servers are still spoken to in HTTP/1.1 with pooled
 * connections, as HAProxy does by default), request bodies small and whole or streamed as on
 * HTTP/1.1 ({@link RequestBodies}); anyone else gets HTTP/1.1.
 */
final class Http2Negotiation extends ApplicationProtocolNegotiationHandler {

    private final FrontendRuntime fe;
    private final Runnable http1;

    Http2Negotiation(FrontendRuntime fe, Runnable http1) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.fe = fe;
        this.http1 = http1;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            Http2Settings settings = Http2Settings.defaultSettings()
                    .maxHeaderListSize(fe.global.bufferSize())
                    .maxConcurrentStreams(100);
            ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
            ctx.pipeline().addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                    stream.pipeline().addLast("bodies", new RequestBodies(true));
                    stream.pipeline().addLast(new HttpFrontendHandler(fe, true));
                }
            }));
            return;
        }
        http1.run();
    }
}
