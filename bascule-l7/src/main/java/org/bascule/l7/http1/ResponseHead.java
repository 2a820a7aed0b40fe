package org.bascule.l7.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed response head: the status line and every field line as offsets into the bytes it was
 * read from, plus what framing needs (RFC 9112 §6.3). It does not own its bytes: it is valid
 * only while the array it was parsed from is unchanged (the {@link ResponseFramer.Listener#onHead} call),
 * which lets unchanged field lines be copied as bytes, never decoded into strings.
 */
public final class ResponseHead {

    /** Field names the proxy acts on, recognised once while parsing. */
    public enum Known { OTHER, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, KEEP_ALIVE, PROXY_CONNECTION }

    private final byte[] bytes;
    private final int start;
    private final int statusLineEnd;
    /** Per field: the index after its line's LF. */
    private final int[] lineEnds;
    private final int minorVersion;
    private final int status;
    private final int reasonStart;
    private final int reasonEnd;
    /** Per field: name start, name end, value start, value end (OWS trimmed), absolute indexes. */
    private final int[] fields;
    private final Known[] known;
    private final int fieldCount;
    private final long contentLength;
    private final boolean chunked;
    private final boolean connectionClose;
    private final boolean connectionKeepAlive;
    private final int length;

    ResponseHead(byte[] bytes, int start, int length, int statusLineEnd, int minorVersion, int status, int reasonStart,
            int reasonEnd, int[] fields, int[] lineEnds, Known[] known, int fieldCount, long contentLength, boolean chunked, boolean connectionClose,
            boolean connectionKeepAlive) {
        this.bytes = bytes;
        this.start = start;
        this.statusLineEnd = statusLineEnd;
        this.lineEnds = lineEnds;
        this.length = length;
        this.minorVersion = minorVersion;
        this.status = status;
        this.reasonStart = reasonStart;
        this.reasonEnd = reasonEnd;
        this.fields = fields;
        this.known = known;
        this.fieldCount = fieldCount;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.connectionClose = connectionClose;
        this.connectionKeepAlive = connectionKeepAlive;
    }

    /** 0 for HTTP/1.0, 1 for HTTP/1.1 (and a later 1.x is treated as 1.1). */
    public int minorVersion() {
        return minorVersion;
    }

    public int status() {
        return status;
    }

    /** 1xx other than 101: an interim response, the final one follows (RFC 9110 §15.2). */
    public boolean interim() {
        return status >= 100 && status < 200 && status != 101;
    }

    /** The Content-Length, or -1 without one. */
    public long contentLength() {
        return contentLength;
    }

    public boolean chunked() {
        return chunked;
    }

    /** The server keeps the connection open after this response (RFC 9112 §9.3). */
    public boolean keepAlive() {
        return minorVersion >= 1 ? !connectionClose : connectionKeepAlive && !connectionClose;
    }

    /** The body's framing for a request with or without the HEAD method. */
    public BodyKind bodyKind(boolean headRequest) {
        if (status == 101) {
            return BodyKind.TUNNEL;
        }
        if (headRequest || status < 200 || status == 204 || status == 304) {
            return BodyKind.NONE;
        }
        if (chunked) {
            return BodyKind.CHUNKED;
        }
        return contentLength >= 0 ? BodyKind.LENGTH : BodyKind.CLOSE;
    }

    /** The head's size on the wire, status line to the empty line included. */
    public int length() {
        return length;
    }

    public int fieldCount() {
        return fieldCount;
    }

    public Known known(int i) {
        return known[i];
    }

    /** Whether field {@code i}'s name is {@code name}, ignoring ASCII case. */
    public boolean nameIs(int i, String name) {
        int start = fields[4 * i];
        int len = fields[4 * i + 1] - start;
        if (len != name.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (lower(bytes[start + k]) != lower((byte) name.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Copies field line {@code i} as received ({@code name: value}, without its line ending). */
    public void copyField(int i, ByteBuf out) {
        int start = fields[4 * i];
        out.writeBytes(bytes, start, fields[4 * i + 3] - start);
    }

    /** The status line is exactly what the proxy would write: {@code HTTP/1.1 ...} ended by CRLF. */
    public boolean statusLineVerbatim() {
        return bytes[start + 5] == '1' && bytes[start + 7] == '1' && bytes[reasonEnd] == '\r' && reasonEnd + 2 == statusLineEnd;
    }

    /** Field line {@code i} is {@code name: value} with no trailing whitespace, ended by CRLF: it can be copied whole. */
    public boolean fieldVerbatim(int i) {
        int ve = fields[4 * i + 3];
        return bytes[ve] == '\r' && ve + 2 == lineEnds[i];
    }

    public int statusLineStart() {
        return start;
    }

    public int statusLineEnd() {
        return statusLineEnd;
    }

    public int lineStart(int i) {
        return fields[4 * i];
    }

    public int lineEnd(int i) {
        return lineEnds[i];
    }

    /** Copies head bytes {@code [from, to)} as received (whole lines, with their CRLF). */
    public void copy(int from, int to, ByteBuf out) {
        out.writeBytes(bytes, from, to - from);
    }

    /** Copies the reason phrase as received (possibly empty). */
    public void copyReason(ByteBuf out) {
        out.writeBytes(bytes, reasonStart, reasonEnd - reasonStart);
    }

    public String reason() {
        return new String(bytes, reasonStart, reasonEnd - reasonStart, StandardCharsets.ISO_8859_1);
    }

    public String name(int i) {
        return new String(bytes, fields[4 * i], fields[4 * i + 1] - fields[4 * i], StandardCharsets.ISO_8859_1);
    }

    public String value(int i) {
        return new String(bytes, fields[4 * i + 2], fields[4 * i + 3] - fields[4 * i + 2], StandardCharsets.ISO_8859_1);
    }

    /** Every field as text (for HTTP/2 clients, which need header objects). */
    public List<Field> fields() {
        List<Field> all = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            all.add(new Field(name(i), value(i)));
        }
        return all;
    }

    static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
