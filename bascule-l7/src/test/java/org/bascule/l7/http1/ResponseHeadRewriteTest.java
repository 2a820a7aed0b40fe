package org.bascule.l7.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The head sent to the client, byte for byte: copied lines, hop-by-hop fields gone, rule edits, framing. */
class ResponseHeadRewriteTest {

    private static ResponseHead parse(String head) throws ResponseFramingException {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return ResponseHeadParser.parse(b, 0, b.length);
    }

    private static String write(ResponseHeadRewrite r) {
        ByteBuf out = Unpooled.buffer(r.sizeHint());
        int capacity = out.capacity();
        r.writeTo(out);
        assertThat(out.capacity()).as("sizeHint is enough").isEqualTo(capacity);
        String s = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return s;
    }

    @Test
    void unchangedLinesAreCopiedAndHopByHopFieldsDropped() throws Exception {
        ResponseHead h = parse("HTTP/1.0 200 Fine\nServer:\tx \r\nConnection: keep-alive, X-Hop\r\nKeep-Alive: timeout=5\r\n"
                + "Proxy-Connection: close\r\nContent-Length: 3\r\n\r\n");
        assertThat(write(new ResponseHeadRewrite(h))).isEqualTo("HTTP/1.1 200 Fine\r\nServer:\tx\r\nContent-Length: 3\r\n\r\n");
    }

    @Test
    void verbatimRunsAroundDroppedAndTrimmedLines() throws Exception {
        ResponseHead h = parse("HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: now\r\nConnection: keep-alive\r\nContent-Length: 6\r\n"
                + "X-Pad: a  \r\nX-Bare: b\nX-Last: c\r\n\r\n");
        assertThat(write(new ResponseHeadRewrite(h).del("date"))).isEqualTo(
                "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 6\r\nX-Pad: a\r\nX-Bare: b\r\nX-Last: c\r\n\r\n");
        assertThat(write(new ResponseHeadRewrite(h))).isEqualTo(
                "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: now\r\nContent-Length: 6\r\nX-Pad: a\r\nX-Bare: b\r\nX-Last: c\r\n\r\n");
    }

    @Test
    void ruleEditsApplyInOrderAndLeaveFramingAlone() throws Exception {
        ResponseHead h = parse("HTTP/1.1 404 \r\nset-cookie: a\r\nX-A: 1\r\nSet-Cookie: b\r\nContent-Length: 0\r\n\r\n");
        ResponseHeadRewrite r = new ResponseHeadRewrite(h)
                .add("X-B", "2")
                .set("set-cookie", "c")
                .del("x-a")
                .del("Content-Length")
                .add("Transfer-Encoding", "chunked")
                .add("X-Evil", "a\r\nInjected: 1")
                .connection(ResponseHeadRewrite.Connection.CLOSE);
        assertThat(write(r)).isEqualTo("HTTP/1.1 404 \r\nContent-Length: 0\r\nX-B: 2\r\nset-cookie: c\r\nX-Evil: a  Injected: 1\r\n"
                + "Connection: close\r\n\r\n");
    }

    @Test
    void reframing() throws Exception {
        ResponseHead close = parse("HTTP/1.1 200 OK\r\nServer: s\r\n\r\n");
        assertThat(write(new ResponseHeadRewrite(close).chunked().connection(ResponseHeadRewrite.Connection.NONE)))
                .isEqualTo("HTTP/1.1 200 OK\r\nServer: s\r\nTransfer-Encoding: chunked\r\n\r\n");
        ResponseHead chunked = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer: s\r\n\r\n");
        assertThat(write(new ResponseHeadRewrite(chunked).unchunked().connection(ResponseHeadRewrite.Connection.CLOSE)))
                .isEqualTo("HTTP/1.1 200 OK\r\nServer: s\r\nConnection: close\r\n\r\n");
        assertThat(write(new ResponseHeadRewrite(close).connection(ResponseHeadRewrite.Connection.KEEP_ALIVE)))
                .isEqualTo("HTTP/1.1 200 OK\r\nServer: s\r\nConnection: keep-alive\r\n\r\n");
    }
}
