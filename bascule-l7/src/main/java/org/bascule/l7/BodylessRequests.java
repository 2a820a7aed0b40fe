package org.bascule.l7;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits between the request decoder and the aggregator and turns a request that has no body
 * (no {@code Content-Length} or a zero one, no {@code Transfer-Encoding}: RFC 9112 §6.3 rule 7)
 * into a whole request at once, sharing the decoded headers. Most proxied requests are such GETs,
 * and the aggregator would otherwise build a composite buffer, its component array and a wrapper
 * for each of them only to find the empty end marker the decoder sends next, which this handler
 * drops. Requests with a body, and those the decoder failed, go to the aggregator unchanged; the
 * aggregator is only put in the pipeline (after this handler) when the first of them comes, so
 * that a connection that only sends GETs, one per connection for clients that close, never
 * builds one.
 */
final class BodylessRequests extends ChannelInboundHandlerAdapter {

    /** The decoder's empty end marker of the request just completed is still to come. */
    private boolean dropEmptyEnd;
    /** The aggregator was added behind this handler. */
    private boolean aggregating;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (dropEmptyEnd) {
            dropEmptyEnd = false;
            if (msg instanceof LastHttpContent last && !last.content().isReadable() && last.trailingHeaders().isEmpty()) {
                last.release();
                return;
            }
        }
        if (msg instanceof HttpRequest req && !(msg instanceof FullHttpRequest) && bodyless(req)) {
            dropEmptyEnd = true;
            FullHttpRequest whole = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
                    Unpooled.EMPTY_BUFFER, req.headers(), EmptyHttpHeaders.INSTANCE);
            whole.setDecoderResult(req.decoderResult());
            ctx.fireChannelRead(whole);
            return;
        }
        if (msg instanceof HttpRequest && !(msg instanceof FullHttpRequest) && !aggregating) {
            aggregating = true;
            ctx.pipeline().addAfter(ctx.name(), "aggregate", new HttpObjectAggregator(FrontendListener.MAX_REQUEST_BODY, true));
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean bodyless(HttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            return false;
        }
        var h = req.headers();
        if (h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return false;
        }
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        return length == null || length.equals("0");
    }
}
