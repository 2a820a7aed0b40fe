package org.bascule.l7;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits behind the request decoder and decides, per request, how its body reaches the frontend
 * handler (RFC 9112 §6.3 gives the framing):
 * <ul>
 * <li>No body (no {@code Content-Length} or a zero one, no {@code Transfer-Encoding}; most
 *     requests): a whole request at once, sharing the decoded headers, and the decoder's empty
 *     end marker dropped. The aggregator would build a composite buffer, its component array and
 *     a wrapper per request only to find that marker.</li>
 * <li>A {@code Content-Length} up to {@link #BUFFERED_BODY} bytes: aggregated (the aggregator
 *     joins the pipeline behind this handler with the first such request, and answers
 *     {@code Expect: 100-continue}), so the request can be sent again whole if its server fails.</li>
 * <li>Larger or chunked bodies: streamed. The head goes on alone, then each piece of body as the
 *     decoder reads it, past the aggregator, and the frontend handler relays them to the server
 *     as they come, with back-pressure, as HAProxy does: an upload of any size passes, and
 *     nothing waits for the whole of it.</li>
 * </ul>
 * Requests the decoder failed go to the aggregator, which hands them on with their failure.
 *
 * <p>On an HTTP/2 stream the request comes whole when its HEADERS frame ends the stream; a head
 * alone means DATA frames follow, with or without a {@code content-length} (RFC 9113 §8.1), so
 * only a small declared length is aggregated there and everything else streams.
 */
final class RequestBodies extends ChannelInboundHandlerAdapter {

    /** The largest body read whole before the request is sent on (and kept for a retry). */
    static final int BUFFERED_BODY = 1 << 20;

    /**
     * Told to the frontend handler, ahead of a head whose body is being aggregated: it sees
     * nothing more until the whole request, and the wait for the body is bounded by
     * {@code timeout client} (inactivity), not by {@code timeout http-request}, unless
     * {@code option http-buffer-request} says otherwise.
     */
    static final Object BODY_AWAITED = new Object() {
        @Override
        public String toString() {
            return "BODY_AWAITED";
        }
    };

    /** The decoder's empty end marker of the request just completed is still to come. */
    private boolean dropEmptyEnd;
    /** The aggregator was added behind this handler. */
    private boolean aggregating;
    /** A streamed request's body is passing: its pieces skip the aggregator, up to its last one. */
    private boolean streaming;
    /** Behind an HTTP/2 stream codec: a head that is not a whole request always has a body. */
    private final boolean http2;

    RequestBodies() {
        this(false);
    }

    RequestBodies(boolean http2) {
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (streaming && msg instanceof HttpContent piece) {
            streaming = !(piece instanceof LastHttpContent);
            pastAggregator(ctx, piece);
            return;
        }
        if (dropEmptyEnd) {
            dropEmptyEnd = false;
            if (msg instanceof LastHttpContent last && !last.content().isReadable() && last.trailingHeaders().isEmpty()) {
                last.release();
                return;
            }
        }
        if (msg instanceof HttpRequest req && !(msg instanceof FullHttpRequest)) {
            switch (body(req, http2)) {
                case NONE -> {
                    dropEmptyEnd = true;
                    FullHttpRequest whole = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
                            Unpooled.EMPTY_BUFFER, req.headers(), EmptyHttpHeaders.INSTANCE);
                    whole.setDecoderResult(req.decoderResult());
                    ctx.fireChannelRead(whole);
                    return;
                }
                case STREAMED -> {
                    streaming = true;
                    pastAggregator(ctx, req);
                    return;
                }
                case BUFFERED -> {
                    if (req.decoderResult().isSuccess()) {
                        ctx.fireUserEventTriggered(BODY_AWAITED);
                    }
                    if (!aggregating) {
                        aggregating = true;
                        ctx.pipeline().addAfter(ctx.name(), "aggregate", new HttpObjectAggregator(BUFFERED_BODY, true));
                    }
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Hands {@code msg} to the handler behind the aggregator (or behind this one while there is none). */
    private static void pastAggregator(ChannelHandlerContext ctx, Object msg) {
        ChannelHandlerContext aggregator = ctx.pipeline().context("aggregate");
        (aggregator != null ? aggregator : ctx).fireChannelRead(msg);
    }

    private enum Body { NONE, BUFFERED, STREAMED }

    private static Body body(HttpRequest req, boolean http2) {
        if (!req.decoderResult().isSuccess()) {
            return Body.BUFFERED;
        }
        var h = req.headers();
        if (h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return Body.STREAMED;
        }
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return http2 ? Body.STREAMED : Body.NONE;
        }
        if (length.equals("0")) {
            return http2 ? Body.BUFFERED : Body.NONE;
        }
        try {
            return Long.parseLong(length.trim()) <= BUFFERED_BODY ? Body.BUFFERED : Body.STREAMED;
        } catch (NumberFormatException e) {
            return Body.BUFFERED; // the decoder accepted it (e.g. repeated equal values): the aggregator judges
        }
    }
}
