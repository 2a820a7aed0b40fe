package org.bascule.l7.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact vectors through the framer, each also split at every byte boundary and fed one byte
 * at a time: the events (bodies merged) must not depend on how the bytes arrived, and every
 * buffer must be released.
 */
class ResponseFramerTest {

    private static final int MAX_HEAD = 1024;

    /** Records what the framer reports, as text: {@code head 200 keep}, {@code body ...}, {@code end clean}, {@code error KIND}. */
    private static class Recorder implements ResponseFramer.Listener {
        final List<String> events = new ArrayList<>();
        final boolean decode;
        StringBuilder body;

        Recorder(boolean decode) {
            this.decode = decode;
        }

        @Override
        public boolean onHead(ResponseHead head) {
            flushBody();
            events.add("head " + head.status() + (head.keepAlive() ? " keep" : " close") + " " + head.fieldCount());
            return decode;
        }

        @Override
        public void onBody(ByteBuf bytes) {
            if (body == null) {
                body = new StringBuilder();
            }
            body.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }

        @Override
        public void onEnd(boolean clean, List<Field> trailers) {
            flushBody();
            events.add("end " + (clean ? "clean" : "unclean") + (trailers.isEmpty() ? "" : " " + trailers));
        }

        @Override
        public void onError(ResponseFramingException e) {
            flushBody();
            events.add("error " + e.error());
        }

        void flushBody() {
            if (body != null) {
                events.add("body " + body);
                body = null;
            }
        }
    }

    /**
     * Feeds {@code wire} whole, split in two at every index, and byte by byte; returns the events,
     * the same for all once what depends on arrival is set aside: raw bytes forwarded before an
     * error, and leftovers that came in a later read (then an error of their own, not an unclean end).
     */
    private static List<String> frame(String wire, boolean headRequest, boolean decode, boolean closeAfter) {
        return frame(wire, headRequest, false, decode, closeAfter);
    }

    private static List<String> frame(String wire, boolean headRequest, boolean upgrade, boolean decode, boolean closeAfter) {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = run(List.of(bytes), headRequest, upgrade, decode, closeAfter);
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(bytes, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            assertThat(normal(run(List.of(a, b), headRequest, upgrade, decode, closeAfter))).as("split at %d", cut).isEqualTo(normal(whole));
        }
        List<byte[]> single = new ArrayList<>();
        for (byte x : bytes) {
            single.add(new byte[] {x});
        }
        assertThat(normal(run(single, headRequest, upgrade, decode, closeAfter))).as("byte by byte").isEqualTo(normal(whole));
        return whole;
    }

    private static List<String> normal(List<String> events) {
        List<String> out = new ArrayList<>(events);
        if (out.size() >= 2 && out.getLast().equals("error UNSOLICITED") && out.get(out.size() - 2).startsWith("end ")) {
            out.removeLast();
            out.set(out.size() - 1, "end unclean");
            return out;
        }
        if (out.getLast().startsWith("error")) {
            out.removeIf(e -> e.startsWith("body"));
        }
        return out;
    }

    private static List<String> run(List<byte[]> pieces, boolean headRequest, boolean upgrade, boolean decode, boolean closeAfter) {
        Recorder r = new Recorder(decode);
        ResponseFramer f = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, r);
        f.expect(headRequest, upgrade);
        for (byte[] p : pieces) {
            ByteBuf in = Unpooled.buffer(p.length).writeBytes(p);
            f.feed(in);
            assertThat(in.isReadable()).isFalse();
            in.release();
            assertThat(in.refCnt()).as("every slice released").isZero();
        }
        if (closeAfter && !f.inputClosed()) {
            r.flushBody();
            r.events.add("truncated");
        }
        f.discard();
        r.flushBody();
        return r.events;
    }

    /**
     * Heads that arrive whole are parsed in the thread's scratch array: one that is still
     * incomplete keeps its own bytes while other connections' heads (on the same thread) go
     * through the scratch, and a head read inside another's onHead does not overwrite it.
     */
    @Test
    void headsOnOneThreadDoNotShareBytes() {
        Recorder slow = new Recorder(false);
        ResponseFramer a = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, slow);
        Recorder fast = new Recorder(false);
        ResponseFramer b = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, fast);
        a.expect(false);
        b.expect(false);
        feed(a, "HTTP/1.1 200 OK\r\nX-A: aaaa");
        feed(b, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nX-B: 1\r\nX-C: 2\r\n\r\n");
        feed(a, "\r\nContent-Length: 2\r\n\r\nok");
        assertThat(slow.events).containsExactly("head 200 keep 2", "body ok", "end clean");
        assertThat(fast.events).containsExactly("head 404 keep 3", "end clean");

        Recorder inner = new Recorder(false);
        ResponseFramer c = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, inner);
        c.expect(false);
        List<String> seen = new ArrayList<>();
        ResponseFramer outer = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, new Recorder(false) {
            @Override
            public boolean onHead(ResponseHead head) {
                feed(c, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
                seen.add(head.status() + " " + head.reason());
                return false;
            }
        });
        outer.expect(false);
        feed(outer, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertThat(seen).containsExactly("201 Created");
        assertThat(inner.events).containsExactly("head 500 keep 1", "end clean");
    }

    private static void feed(ResponseFramer f, String bytes) {
        ByteBuf in = Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1);
        f.feed(in);
        in.release();
    }

    @Test
    void contentLengthBodyEndsExactly() {
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nServer: nginx\r\n\r\nhello\n", false, false, false))
                .containsExactly("head 200 keep 2", "body hello\n", "end clean");
    }

    @Test
    void bytesAfterTheResponseAreAProtocolError() {
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n", false, false, false))
                .containsExactly("head 200 keep 1", "body ok", "end unclean");
    }

    @Test
    void chunkedBodyIsForwardedAsReceivedWithExtensionsAndTrailers() {
        String body = "5;name=\"v\"\r\nhello\r\n1A ; x\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nExpires: never\r\nX-Sum: 42\r\n\r\n";
        assertThat(frame("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body, false, false, false))
                .containsExactly("head 200 keep 1", "body " + body, "end clean");
    }

    @Test
    void chunkedBodyDecodedGivesDataAndTrailerFields() {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5;name=v\r\nhello\r\n3\r\n th\r\n0\r\nExpires: never\r\nX-Sum:  42 \r\n\r\n";
        assertThat(frame(wire, false, true, false)).containsExactly("head 200 keep 1", "body hello th",
                "end clean [Field[name=Expires, value=never], Field[name=X-Sum, value=42]]");
    }

    @Test
    void bareLineFeedsAreAccepted() {
        assertThat(frame("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n", false, true, false))
                .containsExactly("head 200 keep 1", "body ok", "end clean");
    }

    @Test
    void bodylessResponses() {
        assertThat(frame("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", false, false, false))
                .containsExactly("head 204 keep 1", "end clean");
        assertThat(frame("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", false, false, false))
                .containsExactly("head 304 keep 1", "end clean");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 16384\r\n\r\n", true, false, false))
                .containsExactly("head 200 keep 1", "end clean");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, false, false))
                .containsExactly("head 200 keep 1", "end clean");
    }

    @Test
    void interimResponsesComeBeforeTheFinalOne() {
        assertThat(frame("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", false, false, false))
                .containsExactly("head 100 keep 0", "head 103 keep 1", "head 200 keep 1", "body x", "end clean");
    }

    @Test
    void closeDelimitedBodyEndsWithTheConnection() {
        assertThat(frame("HTTP/1.0 200 OK\r\nServer: old\r\n\r\nuntil the end", false, false, true))
                .containsExactly("head 200 close 1", "body until the end", "end unclean");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", false, false, true))
                .containsExactly("head 200 keep 1", "body short", "truncated");
    }

    @Test
    void keepAliveFollowsVersionAndConnection() {
        assertThat(frame("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", false, false, false))
                .containsExactly("head 200 keep 2", "end clean");
        assertThat(frame("HTTP/1.1 200 OK\r\nConnection: foo, close\r\nContent-Length: 0\r\n\r\n", false, false, false))
                .containsExactly("head 200 close 2", "end clean");
    }

    @Test
    void badFramingIsRefused() {
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", false, false, false))
                .containsExactly("error CONTENT_LENGTH_AND_TRANSFER_ENCODING");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", false, false, false))
                .containsExactly("error BAD_CONTENT_LENGTH");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", false, false, false))
                .containsExactly("error BAD_CONTENT_LENGTH");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false, false, false))
                .containsExactly("error BAD_CONTENT_LENGTH");
        assertThat(frame("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok", false, false, false))
                .containsExactly("head 200 keep 2", "body ok", "end clean");
        assertThat(frame("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", false, false, false)).containsExactly("error OBS_FOLD");
        assertThat(frame("HTTP/1.1 200 OK\r\nX-A : 1\r\n\r\n", false, false, false)).containsExactly("error BAD_FIELD");
        assertThat(frame("HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", false, false, false)).containsExactly("error BAD_FIELD");
        assertThat(frame("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", false, false, false))
                .containsExactly("error BAD_TRANSFER_ENCODING");
        assertThat(frame("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", false, false, false))
                .containsExactly("error BAD_TRANSFER_ENCODING");
        assertThat(frame("HTTP/2 200 OK\r\n\r\n", false, false, false)).containsExactly("error BAD_STATUS_LINE");
        assertThat(frame("HTTP/1.1 20 OK\r\n\r\n", false, false, false)).containsExactly("error BAD_STATUS_LINE");
        assertThat(frame("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", false, false, false))
                .containsExactly("error UNEXPECTED_UPGRADE");
    }

    /**
     * A 101 to a request that asked to upgrade (RFC 9110 §15.2.2): after its head every byte is
     * the new protocol's, passed on as it comes (here a WebSocket text frame the server sent in the
     * same packet as the 101, RFC 6455 §5.6, and another later), until the server closes; a
     * 100 Continue before it is still interim. The framer never looks for another response.
     */
    @Test
    void switchingProtocolsTurnsTheConnectionIntoATunnel() {
        String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
        String frames = "\u0081\u0005Hello" + "HTTP/1.1 200 OK\r\n\r\n";
        assertThat(frame(head + frames, false, true, false, true))
                .containsExactly("head 101 keep 3", "body " + frames, "end unclean");
        assertThat(frame("HTTP/1.1 100 Continue\r\n\r\n" + head, false, true, false, true))
                .containsExactly("head 100 keep 0", "head 101 keep 3", "end unclean");
    }

    @Test
    void badChunksAreRefused() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(frame(head + "g\r\n", false, false, false)).containsExactly("head 200 keep 1", "error BAD_CHUNK");
        assertThat(frame(head + ";x\r\n", false, false, false)).containsExactly("head 200 keep 1", "error BAD_CHUNK");
        assertThat(frame(head + "2\r\nokX\r\n", false, false, false)).containsExactly("head 200 keep 1", "error BAD_CHUNK");
        assertThat(frame(head + "2\r\nok\r\n0\r\n\rX", false, true, false))
                .containsExactly("head 200 keep 1", "body ok", "error BAD_CHUNK");
        assertThat(frame(head + "fffffffffffffffff\r\n", false, false, false)).containsExactly("head 200 keep 1", "error BAD_CHUNK");
    }

    @Test
    void headsLargerThanTheBufferAreRefused() {
        String big = "HTTP/1.1 200 OK\r\nX-Big: " + "y".repeat(MAX_HEAD) + "\r\nContent-Length: 0\r\n\r\n";
        assertThat(frame(big, false, false, false)).containsExactly("error HEAD_TOO_LARGE");
        String fits = "HTTP/1.1 200 OK\r\nX-Big: " + "y".repeat(MAX_HEAD - 64) + "\r\nContent-Length: 0\r\n\r\n";
        assertThat(frame(fits, false, false, false)).containsExactly("head 200 keep 2", "end clean");
        String longExt = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + "e".repeat(MAX_HEAD) + "\r\n";
        assertThat(run(List.of(longExt.getBytes(StandardCharsets.ISO_8859_1)), false, false, false, false))
                .containsExactly("head 200 keep 1", "error BAD_CHUNK");
    }

    @Test
    void unsolicitedBytesAreAnError() {
        Recorder r = new Recorder(false);
        ResponseFramer f = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, r);
        ByteBuf in = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n\r\n", StandardCharsets.ISO_8859_1);
        f.feed(in);
        in.release();
        assertThat(r.events).containsExactly("error UNSOLICITED");
    }

    @Test
    void headBytesAreKeptForCopying() {
        ByteBuf in = Unpooled.copiedBuffer("HTTP/1.1 404 Not Found\r\nContent-Length:  0 \r\nX-Trace:\tabc \r\n\r\n", StandardCharsets.ISO_8859_1);
        List<String> seen = new ArrayList<>();
        ResponseFramer f = new ResponseFramer(UnpooledByteBufAllocator.DEFAULT, MAX_HEAD, new Recorder(false) {
            @Override
            public boolean onHead(ResponseHead h) {
                ByteBuf out = Unpooled.buffer();
                h.copyReason(out);
                for (int i = 0; i < h.fieldCount(); i++) {
                    out.writeByte('|');
                    h.copyField(i, out);
                }
                seen.add(out.toString(StandardCharsets.ISO_8859_1));
                seen.add(h.known(0) + " " + h.known(1) + " " + h.nameIs(1, "x-trace") + " " + h.value(1) + " " + h.length());
                out.release();
                return false;
            }
        });
        f.expect(false);
        f.feed(in);
        in.release();
        assertThat(seen).containsExactly("Not Found|Content-Length:  0|X-Trace:\tabc", "CONTENT_LENGTH OTHER true abc 62");
    }
}
