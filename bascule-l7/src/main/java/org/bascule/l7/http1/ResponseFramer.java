package org.bascule.l7.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * Finds where each response on a server connection begins and ends, without decoding it into
 * objects (RFC 9112 §6.3): reads the head (parsed by {@link ResponseHeadParser}, cumulated across
 * reads up to {@code tune.bufsize}), then the body by its framing: Content-Length bytes, chunks
 * (chunk-size lines with extensions, data, trailer section; RFC 9112 §7.1), until close, or none
 * (HEAD, 1xx, 204, 304). Body bytes are handed on as retained slices of the buffers they were
 * read into, never copied: as received (chunk framing included) for a client that speaks
 * HTTP/1.1, or as chunk data only when the listener asks (clients that cannot take chunks).
 * After a 101 Switching Protocols to a request that asked to upgrade, every later byte is
 * handed on as body until the server closes: the connection has become a tunnel.
 *
 * <p>One request at a time: {@link #expect} arms the framer for the response to the request
 * just sent; any byte outside a response (pipelined leftovers, unsolicited data) is an error.
 * No I/O, no clock: the caller feeds it what it reads and tells it when the input closed.
 */
public final class ResponseFramer {

    /** What the framer finds, in order: heads (interim ones first), body slices, then the end or an error. */
    public interface Listener {
        /**
         * A response head (an interim 1xx, then the final one); its bytes are valid during this
         * call only. Returns true to get a chunked body's data without its chunk framing (the
         * trailers then come with {@link #onEnd}), false to get the body exactly as received.
         */
        boolean onHead(ResponseHead head);

        /** Body bytes; the listener owns the (retained) slice and must release it. */
        void onBody(ByteBuf bytes);

        /**
         * The response is complete. {@code clean} is false when it ended by the server closing
         * or when bytes followed it: the connection must not serve another request.
         * {@code trailers} holds the trailer fields when chunks were decoded, else is empty.
         */
        void onEnd(boolean clean, List<Field> trailers);

        /** The response breaks framing; nothing more comes from this framer until {@link #expect}. */
        void onError(ResponseFramingException e);
    }

    private enum State {
        IDLE, HEAD, LENGTH, CLOSE, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF,
        TRAILER_START, TRAILER_LINE, TRAILER_END_LF, TUNNEL, FAILED
    }

    /** Head bytes copied per step: most heads fit in one. */
    private static final int HEAD_STEP = HeadScratch.SIZE;

    private final ByteBufAllocator alloc;
    private final int maxHead;
    private final Listener listener;
    private State state = State.IDLE;
    private boolean headRequest;
    private boolean upgradeAsked;
    private boolean decodeChunks;
    /**
     * The head being read, copied out of the read buffers (parsed from an array, not byte by byte
     * through ByteBuf checks): the thread's scratch array while a head arrives within one
     * {@link #feed} (the usual case, no allocation per connection), an array of its own when it
     * spans reads.
     */
    private byte[] headBytes;
    private boolean scratchBorrowed;
    private int headLength;
    private long remaining;
    private int digits;
    private int lineLength;
    /** Trailer lines, kept only when chunks are decoded. */
    private ByteBuf trailers;

    /** {@code maxHead}: {@code tune.bufsize}, the largest head (and chunk-size or trailer line) accepted. */
    public ResponseFramer(ByteBufAllocator alloc, int maxHead, Listener listener) {
        this.alloc = alloc;
        this.maxHead = maxHead;
        this.listener = listener;
    }

    /** A request was sent: what comes next is its response ({@code headRequest}: it has no body, RFC 9110 §9.3.2). */
    public void expect(boolean headRequest) {
        expect(headRequest, false);
    }

    /**
     * As {@link #expect(boolean)}; {@code upgradeAsked}: the request carried {@code Upgrade} (RFC 9110
     * §7.8), so a 101 turns the connection into a tunnel. A 101 to any other request is an error.
     */
    public void expect(boolean headRequest, boolean upgradeAsked) {
        discard();
        this.headRequest = headRequest;
        this.upgradeAsked = upgradeAsked;
        state = State.HEAD;
    }

    /** Whether a response is being read (expected and not yet ended or failed). */
    public boolean busy() {
        return state != State.IDLE && state != State.FAILED;
    }

    /** Reads all of {@code in} (the caller keeps ownership of it). */
    public void feed(ByteBuf in) {
        while (in.isReadable()) {
            switch (state) {
                case IDLE, FAILED -> {
                    int n = in.readableBytes();
                    in.skipBytes(n);
                    if (state == State.IDLE) {
                        fail(in, new ResponseFramingException(FramingError.UNSOLICITED, n + " bytes while no request was sent"));
                    }
                    return;
                }
                case HEAD -> {
                    if (!head(in)) {
                        return;
                    }
                }
                case LENGTH -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    listener.onBody(in.readRetainedSlice(n));
                    remaining -= n;
                    if (remaining == 0) {
                        end(in);
                        return;
                    }
                }
                case CLOSE, TUNNEL -> listener.onBody(in.readRetainedSlice(in.readableBytes()));
                default -> {
                    if (!chunked(in)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The server closed its side. Returns true when that ended a close-delimited body
     * ({@link Listener#onEnd} was called); otherwise a response in progress is truncated and the
     * caller deals with the lost connection.
     */
    public boolean inputClosed() {
        if (state == State.CLOSE || state == State.TUNNEL) {
            state = State.IDLE;
            listener.onEnd(false, List.of());
            return true;
        }
        discard();
        state = State.FAILED;
        return false;
    }

    /** Frees what it holds (the connection is gone). */
    public void discard() {
        headLength = 0;
        if (trailers != null) {
            trailers.release();
            trailers = null;
        }
    }

    /** Reads head bytes; true once a head was parsed and handled (the loop goes on with the body). */
    private boolean head(ByteBuf in) {
        ResponseHead head;
        try {
            int s = in.readerIndex();
            int e = in.writerIndex();
            int before = headLength;
            if (headLength == 0) {
                headBytes = HeadScratch.borrow();
                scratchBorrowed = headBytes != null;
            }
            int end = -1;
            // Copied a step at a time and searched in the array: a head is usually one step, and
            // searching a ByteBuf byte by byte pays its checks on every byte.
            for (int at = s; end < 0; ) {
                int take = Math.min(Math.min(e - at, HEAD_STEP), maxHead - headLength);
                if (take == 0) {
                    if (headLength >= maxHead) {
                        throw new ResponseFramingException(FramingError.HEAD_TOO_LARGE, "more than " + maxHead + " bytes");
                    }
                    in.readerIndex(e);
                    keepHeadBytes();
                    return false;
                }
                int from = Math.max(0, headLength - 3);
                append(in, at, take);
                at += take;
                end = ResponseHeadParser.findHeadEnd(headBytes, from, headLength);
            }
            // What was copied past the head is the body's: it stays in the buffer.
            in.readerIndex(s + (end - before));
            head = ResponseHeadParser.parse(headBytes, 0, end);
            if (head.status() == 101 && !upgradeAsked) {
                throw new ResponseFramingException(FramingError.UNEXPECTED_UPGRADE, "to a request without Upgrade");
            }
        } catch (ResponseFramingException e) {
            returnScratch();
            fail(in, e);
            return false;
        }
        // The listener may arm the framer for the next response while handling this one.
        headLength = 0;
        boolean interim = head.interim();
        BodyKind kind = interim ? null : head.bodyKind(headRequest);
        try {
            boolean decode = listener.onHead(head);
            if (!interim) {
                decodeChunks = decode;
            }
        } finally {
            // The head's bytes are only valid during onHead: the scratch array is free again after it.
            returnScratch();
        }
        if (interim) {
            return true; // a 1xx: the final head follows
        }
        switch (kind) {
            case NONE -> {
                end(in);
                return false;
            }
            case LENGTH -> {
                remaining = head.contentLength();
                if (remaining == 0) {
                    end(in);
                    return false;
                }
                state = State.LENGTH;
            }
            case CHUNKED -> startChunkSize(State.CHUNK_SIZE);
            case CLOSE -> state = State.CLOSE;
            case TUNNEL -> state = State.TUNNEL;
        }
        return true;
    }

    /** Copies {@code n} bytes of {@code in} from {@code index} into {@link #headBytes}, grown as needed up to {@code maxHead}. */
    private void append(ByteBuf in, int index, int n) {
        if (headBytes == null || headLength + n > headBytes.length) {
            byte[] bigger = new byte[Math.min(maxHead, Math.max(headLength + n, headBytes == null ? HEAD_STEP : 2 * headBytes.length))];
            if (headBytes != null) {
                System.arraycopy(headBytes, 0, bigger, 0, headLength);
            }
            returnScratch();
            headBytes = bigger;
        }
        in.getBytes(index, headBytes, headLength, n);
        headLength += n;
    }

    /** The head goes on in a later read: its bytes move out of the scratch array into one of the framer's own. */
    private void keepHeadBytes() {
        if (scratchBorrowed) {
            byte[] own = java.util.Arrays.copyOf(headBytes, headBytes.length);
            returnScratch();
            headBytes = own;
        }
    }

    private void returnScratch() {
        if (scratchBorrowed) {
            scratchBorrowed = false;
            HeadScratch.giveBack(headBytes);
            headBytes = null;
        }
    }

    private void startChunkSize(State s) {
        state = s;
        remaining = 0;
        digits = 0;
        lineLength = 0;
    }

    /** Walks chunk framing; true if the buffer still has bytes to read in another state. */
    private boolean chunked(ByteBuf in) {
        int i = in.readerIndex();
        int e = in.writerIndex();
        int rawStart = i;
        try {
            while (i < e) {
                switch (state) {
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, e - i);
                        if (decodeChunks) {
                            listener.onBody(in.retainedSlice(i, n));
                        }
                        i += n;
                        remaining -= n;
                        if (remaining == 0) {
                            state = State.CHUNK_DATA_CR;
                        }
                    }
                    case CHUNK_SIZE -> {
                        byte b = in.getByte(i++);
                        int d = hex(b);
                        if (d >= 0) {
                            if (remaining > (Long.MAX_VALUE >> 5)) {
                                throw chunkError("chunk size too large");
                            }
                            remaining = remaining * 16 + d;
                            digits++;
                        } else if (b == ';' || b == ' ' || b == '\t') {
                            // RFC 9112 §7.1.1: chunk extensions, preceded by optional whitespace (BWS).
                            state = State.CHUNK_EXT;
                        } else if (b == '\r') {
                            state = State.CHUNK_SIZE_LF;
                        } else if (b == '\n') {
                            sizeLineDone();
                        } else {
                            throw chunkError("byte 0x" + Integer.toHexString(b & 0xff) + " in a chunk size");
                        }
                        if (digits == 0 && state != State.CHUNK_SIZE) {
                            throw chunkError("a chunk-size line without a size");
                        }
                        lineTooLong(1);
                    }
                    case CHUNK_EXT -> {
                        byte b = in.getByte(i++);
                        if (b == '\r') {
                            state = State.CHUNK_SIZE_LF;
                        } else if (b == '\n') {
                            sizeLineDone();
                        } else if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                            throw chunkError("control byte 0x" + Integer.toHexString(b) + " in a chunk extension");
                        }
                        lineTooLong(1);
                    }
                    case CHUNK_SIZE_LF -> {
                        if (in.getByte(i++) != '\n') {
                            throw chunkError("CR without LF after a chunk size");
                        }
                        sizeLineDone();
                    }
                    case CHUNK_DATA_CR -> {
                        byte b = in.getByte(i++);
                        if (b == '\r') {
                            state = State.CHUNK_DATA_LF;
                        } else if (b == '\n') {
                            startChunkSize(State.CHUNK_SIZE);
                        } else {
                            throw chunkError("chunk data longer than its size");
                        }
                    }
                    case CHUNK_DATA_LF -> {
                        if (in.getByte(i++) != '\n') {
                            throw chunkError("CR without LF after chunk data");
                        }
                        startChunkSize(State.CHUNK_SIZE);
                    }
                    case TRAILER_START -> {
                        byte b = in.getByte(i);
                        if (b == '\r') {
                            i++;
                            state = State.TRAILER_END_LF;
                        } else if (b == '\n') {
                            i++;
                            return chunkedEnd(in, rawStart, i);
                        } else {
                            state = State.TRAILER_LINE;
                        }
                    }
                    case TRAILER_LINE -> {
                        int lf = in.indexOf(i, e, (byte) '\n');
                        int upto = lf < 0 ? e : lf + 1;
                        lineTooLong(upto - i);
                        if (decodeChunks) {
                            if (trailers == null) {
                                trailers = alloc.heapBuffer(256);
                            }
                            trailers.writeBytes(in, i, upto - i);
                        }
                        i = upto;
                        if (lf >= 0) {
                            state = State.TRAILER_START;
                        }
                    }
                    case TRAILER_END_LF -> {
                        if (in.getByte(i++) != '\n') {
                            throw chunkError("CR without LF at the end of the trailer section");
                        }
                        return chunkedEnd(in, rawStart, i);
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (ResponseFramingException ex) {
            fail(in, ex);
            return false;
        }
        if (!decodeChunks && e > rawStart) {
            listener.onBody(in.retainedSlice(rawStart, e - rawStart));
        }
        in.readerIndex(e);
        return false;
    }

    private boolean chunkedEnd(ByteBuf in, int rawStart, int i) {
        if (!decodeChunks && i > rawStart) {
            listener.onBody(in.retainedSlice(rawStart, i - rawStart));
        }
        in.readerIndex(i);
        end(in);
        return false;
    }

    private void sizeLineDone() {
        if (remaining == 0) {
            // The last chunk (RFC 9112 §7.1): the trailer section follows.
            state = State.TRAILER_START;
            lineLength = 0;
        } else {
            state = State.CHUNK_DATA;
        }
    }

    private void lineTooLong(int more) throws ResponseFramingException {
        lineLength += more;
        if (lineLength > maxHead) {
            throw chunkError("a chunk-size line or trailer section longer than " + maxHead + " bytes");
        }
    }

    private static ResponseFramingException chunkError(String detail) {
        return new ResponseFramingException(FramingError.BAD_CHUNK, detail);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** The response ended at {@code in}'s reader index; what follows is a pipelined leftover. */
    private void end(ByteBuf in) {
        state = State.IDLE;
        boolean clean = !in.isReadable();
        in.skipBytes(in.readableBytes());
        List<Field> fields = List.of();
        if (trailers != null) {
            ByteBuf t = trailers;
            trailers = null;
            try {
                fields = ResponseHeadParser.parseFields(io.netty.buffer.ByteBufUtil.getBytes(t), 0, t.readableBytes());
            } catch (ResponseFramingException e) {
                state = State.FAILED;
                listener.onError(e);
                return;
            } finally {
                t.release();
            }
        }
        listener.onEnd(clean, fields);
    }

    private void fail(ByteBuf in, ResponseFramingException e) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        discard();
        listener.onError(e);
    }
}
