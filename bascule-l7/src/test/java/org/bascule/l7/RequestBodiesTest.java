package org.bascule.l7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How request bodies reach the frontend handler: bodyless requests whole at once whatever their
 * framing, small bodies aggregated (the aggregator only added once a request has one), chunked
 * and large bodies streamed piece by piece past it.
 */
class RequestBodiesTest {

    private static EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new HttpRequestDecoder(), new RequestBodies());
    }

    private static FullHttpRequest next(EmbeddedChannel ch) {
        return assertInstanceOf(FullHttpRequest.class, ch.readInbound());
    }

    private static void write(EmbeddedChannel ch, String wire) {
        ch.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.US_ASCII));
    }

    @Test
    void pipelinedGetsComeOutWholeWithTheirHeaders() {
        EmbeddedChannel ch = pipeline();
        write(ch, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.0\r\nHost: y\r\nContent-Length: 0\r\n\r\n");
        FullHttpRequest a = next(ch);
        assertEquals("/a", a.uri());
        assertEquals("x", a.headers().get("host"));
        assertEquals(0, a.content().readableBytes());
        FullHttpRequest b = next(ch);
        assertEquals("/b", b.uri());
        assertEquals("HTTP/1.0", b.protocolVersion().text());
        assertNull(ch.readInbound());
        assertNull(ch.pipeline().get(HttpObjectAggregator.class), "no aggregator for GETs");
        a.release();
        b.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void bodiesStillGoThroughTheAggregator() {
        EmbeddedChannel ch = pipeline();
        write(ch, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel");
        assertNull(ch.readInbound());
        assertNotNull(ch.pipeline().get(HttpObjectAggregator.class), "added with the first body");
        write(ch, "loGET /n HTTP/1.1\r\nHost: x\r\n\r\n");
        FullHttpRequest p = next(ch);
        assertEquals("hello", p.content().toString(StandardCharsets.US_ASCII));
        FullHttpRequest n = next(ch);
        assertEquals("/n", n.uri());
        p.release();
        n.release();
        ch.finishAndReleaseAll();
    }

    /** Chunked and large bodies are streamed: the head alone, then the pieces as read, past the aggregator. */
    @Test
    void chunkedAndLargeBodiesAreStreamed() {
        EmbeddedChannel ch = pipeline();
        write(ch, "POST /s HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        FullHttpRequest small = next(ch);
        assertEquals("abc", small.content().toString(StandardCharsets.US_ASCII));
        small.release();
        write(ch, "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n");
        HttpRequest head = assertInstanceOf(HttpRequest.class, ch.readInbound());
        assertFalse(head instanceof FullHttpRequest);
        assertEquals("/c", head.uri());
        HttpContent piece = assertInstanceOf(HttpContent.class, ch.readInbound());
        StringBuilder body = new StringBuilder(piece.content().toString(StandardCharsets.US_ASCII));
        piece.release();
        LastHttpContent last = assertInstanceOf(LastHttpContent.class, ch.readInbound());
        body.append(last.content().toString(StandardCharsets.US_ASCII));
        assertEquals("abc", body.toString());
        assertEquals("1", last.trailingHeaders().get("x-t"));
        last.release();
        int big = RequestBodies.BUFFERED_BODY + 1;
        write(ch, "PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: " + big + "\r\n\r\n" + "y".repeat(1000));
        HttpRequest bigHead = assertInstanceOf(HttpRequest.class, ch.readInbound());
        assertFalse(bigHead instanceof FullHttpRequest);
        HttpContent first = assertInstanceOf(HttpContent.class, ch.readInbound());
        assertEquals(1000, first.content().readableBytes(), "pieces come as read, before the rest arrives");
        first.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aMalformedRequestKeepsItsFailure() {
        EmbeddedChannel ch = pipeline();
        write(ch, "GET / HTTP/1.1\r\nBad Header\r\n\r\n");
        FullHttpRequest bad = next(ch);
        assertTrue(bad.decoderResult().isFailure());
        bad.release();
        ch.finishAndReleaseAll();
    }

    /**
     * The frontend handler is told (BODY_AWAITED) ahead of a head whose body goes into the
     * aggregator, and only then: it sees nothing else until the whole request, and times the body
     * with timeout client. Neither a bodiless request nor a streamed one is announced.
     */
    @Test
    void onlyAnAggregatedBodyIsAnnounced() {
        java.util.List<Object> told = new java.util.ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestDecoder(), new RequestBodies(),
                new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                        told.add(evt);
                    }
                });
        write(ch, "GET /g HTTP/1.1\r\nHost: x\r\n\r\n");
        write(ch, "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertTrue(told.isEmpty(), "no announcement for bodiless or streamed requests");
        write(ch, "POST /s HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhe");
        assertEquals(java.util.List.of(RequestBodies.BODY_AWAITED), told);
        write(ch, "llo");
        assertEquals(1, told.size(), "once per request, not per piece");
        ch.finishAndReleaseAll();
    }
}
