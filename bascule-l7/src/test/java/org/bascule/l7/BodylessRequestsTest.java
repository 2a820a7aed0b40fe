package org.bascule.l7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bodyless shortcut in front of the aggregator: same requests out, whatever their framing,
 * and the aggregator only added to the pipeline once a request has a body.
 */
class BodylessRequestsTest {

    private static EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new HttpRequestDecoder(), new BodylessRequests());
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

    @Test
    void chunkedBodyWithTrailersIsAggregated() {
        EmbeddedChannel ch = pipeline();
        write(ch, "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n");
        FullHttpRequest c = next(ch);
        assertEquals("abc", c.content().toString(StandardCharsets.US_ASCII));
        assertEquals("1", c.trailingHeaders().get("x-t"));
        c.release();
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
}
