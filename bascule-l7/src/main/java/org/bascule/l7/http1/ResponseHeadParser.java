package org.bascule.l7.http1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pure parser of an HTTP/1.x response head (RFC 9112 §4 status line, §5 field lines): bytes
 * in, a {@link ResponseHead} out, or a typed {@link ResponseFramingException}. Strict where
 * leniency lets a server smuggle or split responses (obsolete folding, whitespace before the
 * colon, conflicting Content-Length, Content-Length with Transfer-Encoding), lenient where it
 * costs nothing (a bare LF ends a line, RFC 9112 §2.2; the reason phrase may be missing).
 */
public final class ResponseHeadParser {

    /** RFC 9110 §5.6.2 tchar. */
    private static final boolean[] TCHAR = new boolean[256];
    /** RFC 9110 §5.5 field-vchar plus SP and HTAB (obs-text allowed). */
    private static final boolean[] VALUE_CHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (int c = 0x20; c < 256; c++) {
            VALUE_CHAR[c] = c != 0x7f;
        }
        VALUE_CHAR['\t'] = true;
    }

    private ResponseHeadParser() {}

    /**
     * Where the head starting at {@code from} ends (the index after its empty line), or -1 if
     * {@code [from, to)} does not hold all of it yet. A caller scanning again after more bytes
     * came may restart 3 bytes before the previous {@code to}.
     */
    public static int findHeadEnd(byte[] buf, int from, int to) {
        for (int lf = indexOf(buf, from, to, (byte) '\n'); lf >= 0 && lf + 1 < to; lf = indexOf(buf, lf + 1, to, (byte) '\n')) {
            byte next = buf[lf + 1];
            if (next == '\n') {
                return lf + 2;
            }
            if (next == '\r') {
                if (lf + 2 >= to) {
                    return -1;
                }
                if (buf[lf + 2] == '\n') {
                    return lf + 3;
                }
            }
        }
        return -1;
    }

    /**
     * Parses the head in {@code [start, end)} of {@code buf}, which ends with its empty line
     * ({@link #findHeadEnd}). The head keeps {@code buf}: it stays valid while the array is unchanged.
     */
    public static ResponseHead parse(byte[] buf, int start, int end) throws ResponseFramingException {
        int lineEnd = indexOf(buf, start, end, (byte) '\n');
        if (lineEnd < 0) {
            throw new ResponseFramingException(FramingError.BAD_STATUS_LINE, "no line end");
        }
        int textEnd = textEnd(buf, start, lineEnd);
        int statusEnd = textEnd;
        int statusLineEnd = lineEnd + 1;
        int minor = statusVersion(buf, start, textEnd);
        int status = statusCode(buf, start, textEnd);
        int reasonStart = Math.min(start + 13, textEnd);
        for (int i = reasonStart; i < textEnd; i++) {
            if (!VALUE_CHAR[buf[i] & 0xff]) {
                throw new ResponseFramingException(FramingError.BAD_STATUS_LINE, "control character in the reason phrase");
            }
        }
        int[] fields = new int[4 * 16];
        ResponseHead.Known[] known = new ResponseHead.Known[16];
        int[] lineEnds = new int[16];
        int n = 0;
        long contentLength = -1;
        boolean transferEncoding = false;
        boolean chunked = false;
        boolean close = false;
        boolean keepAlive = false;
        int p = lineEnd + 1;
        while (true) {
            lineEnd = indexOf(buf, p, end, (byte) '\n');
            if (lineEnd < 0) {
                throw new ResponseFramingException(FramingError.BAD_FIELD, "the head does not end with an empty line");
            }
            textEnd = textEnd(buf, p, lineEnd);
            if (textEnd == p) {
                break;
            }
            if (n == known.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
                known = Arrays.copyOf(known, known.length * 2);
                lineEnds = Arrays.copyOf(lineEnds, lineEnds.length * 2);
            }
            fieldLine(buf, p, textEnd, fields, 4 * n);
            ResponseHead.Known k = knownName(buf, fields[4 * n], fields[4 * n + 1]);
            known[n] = k;
            lineEnds[n] = lineEnd + 1;
            int vs = fields[4 * n + 2];
            int ve = fields[4 * n + 3];
            switch (k) {
                case CONTENT_LENGTH -> {
                    long v = contentLength(buf, vs, ve);
                    if (contentLength >= 0 && contentLength != v) {
                        throw new ResponseFramingException(FramingError.BAD_CONTENT_LENGTH,
                                "two different values " + contentLength + " and " + v);
                    }
                    contentLength = v;
                }
                case TRANSFER_ENCODING -> {
                    if (chunked) {
                        throw new ResponseFramingException(FramingError.BAD_TRANSFER_ENCODING, "a coding after chunked");
                    }
                    transferEncoding = true;
                    chunked = lastCodingIsChunked(buf, vs, ve);
                }
                case CONNECTION -> {
                    close |= hasToken(buf, vs, ve, "close");
                    keepAlive |= hasToken(buf, vs, ve, "keep-alive");
                }
                default -> { }
            }
            n++;
            p = lineEnd + 1;
        }
        if (transferEncoding) {
            if (contentLength >= 0) {
                throw new ResponseFramingException(FramingError.CONTENT_LENGTH_AND_TRANSFER_ENCODING, "Content-Length: " + contentLength);
            }
            if (!chunked) {
                throw new ResponseFramingException(FramingError.BAD_TRANSFER_ENCODING, "the last coding is not chunked");
            }
            if (minor == 0) {
                throw new ResponseFramingException(FramingError.BAD_TRANSFER_ENCODING, "in an HTTP/1.0 response");
            }
        }
        return new ResponseHead(buf, start, end - start, statusLineEnd, minor, status, reasonStart, statusEnd,
                fields, lineEnds, known, n, contentLength, chunked, close, keepAlive);
    }

    /** The fields of a trailer section (RFC 9112 §7.1.2) in {@code [start, end)}, one line each, no empty line. */
    public static List<Field> parseFields(byte[] buf, int start, int end) throws ResponseFramingException {
        List<Field> out = new ArrayList<>();
        int[] f = new int[4];
        int p = start;
        while (p < end) {
            int lineEnd = indexOf(buf, p, end, (byte) '\n');
            if (lineEnd < 0) {
                lineEnd = end;
            }
            int textEnd = textEnd(buf, p, lineEnd);
            if (textEnd > p) {
                fieldLine(buf, p, textEnd, f, 0);
                out.add(new Field(new String(buf, f[0], f[1] - f[0], StandardCharsets.ISO_8859_1),
                        new String(buf, f[2], f[3] - f[2], StandardCharsets.ISO_8859_1)));
            }
            p = lineEnd + 1;
        }
        return out;
    }

    /**
     * The end of a line's text: its LF, or the CR before it. A CR anywhere else is refused by the
     * character checks of the status line and field lines (CR is neither tchar nor field-vchar).
     */
    private static int textEnd(byte[] buf, int start, int lf) {
        return lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private static int statusVersion(byte[] buf, int s, int e) throws ResponseFramingException {
        if (e - s < 12 || buf[s] != 'H' || buf[s + 1] != 'T' || buf[s + 2] != 'T'
                || buf[s + 3] != 'P' || buf[s + 4] != '/' || buf[s + 5] != '1'
                || buf[s + 6] != '.' || !digit(buf[s + 7]) || buf[s + 8] != ' ') {
            throw new ResponseFramingException(FramingError.BAD_STATUS_LINE, "expected 'HTTP/1.x NNN': '" + text(buf, s, e) + "'");
        }
        return buf[s + 7] == '0' ? 0 : 1;
    }

    private static int statusCode(byte[] buf, int s, int e) throws ResponseFramingException {
        byte a = buf[s + 9];
        byte b = buf[s + 10];
        byte c = buf[s + 11];
        if (a < '1' || a > '9' || !digit(b) || !digit(c) || (e > s + 12 && buf[s + 12] != ' ')) {
            throw new ResponseFramingException(FramingError.BAD_STATUS_LINE, "expected a 3-digit status: '" + text(buf, s, e) + "'");
        }
        return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
    }

    /** {@code token ":" OWS value OWS}; stores name start/end and trimmed value start/end at {@code out[at..at+3]}. */
    private static void fieldLine(byte[] buf, int s, int e, int[] out, int at) throws ResponseFramingException {
        byte first = buf[s];
        if (first == ' ' || first == '\t') {
            throw new ResponseFramingException(FramingError.OBS_FOLD, "line '" + text(buf, s, e) + "'");
        }
        int i = s;
        while (i < e && TCHAR[buf[i] & 0xff]) {
            i++;
        }
        if (i == e || buf[i] != ':') {
            throw new ResponseFramingException(FramingError.BAD_FIELD, (i == e ? "no colon" : i == s ? "empty name"
                    : "character 0x" + Integer.toHexString(buf[i] & 0xff) + " in the name") + ": '" + text(buf, s, e) + "'");
        }
        if (i == s) {
            throw new ResponseFramingException(FramingError.BAD_FIELD, "empty name: '" + text(buf, s, e) + "'");
        }
        int vs = i + 1;
        while (vs < e && isOws(buf[vs])) {
            vs++;
        }
        int ve = e;
        while (ve > vs && isOws(buf[ve - 1])) {
            ve--;
        }
        for (int k = vs; k < ve; k++) {
            if (!VALUE_CHAR[buf[k] & 0xff]) {
                throw new ResponseFramingException(FramingError.BAD_FIELD,
                        "control character 0x" + Integer.toHexString(buf[k] & 0xff) + " in '" + text(buf, s, i) + "'");
            }
        }
        out[at] = s;
        out[at + 1] = i;
        out[at + 2] = vs;
        out[at + 3] = ve;
    }

    private static ResponseHead.Known knownName(byte[] buf, int s, int e) {
        return switch (e - s) {
            case 10 -> equalsLower(buf, s, "connection") ? ResponseHead.Known.CONNECTION
                    : equalsLower(buf, s, "keep-alive") ? ResponseHead.Known.KEEP_ALIVE : ResponseHead.Known.OTHER;
            case 14 -> equalsLower(buf, s, "content-length") ? ResponseHead.Known.CONTENT_LENGTH : ResponseHead.Known.OTHER;
            case 16 -> equalsLower(buf, s, "proxy-connection") ? ResponseHead.Known.PROXY_CONNECTION : ResponseHead.Known.OTHER;
            case 17 -> equalsLower(buf, s, "transfer-encoding") ? ResponseHead.Known.TRANSFER_ENCODING : ResponseHead.Known.OTHER;
            default -> ResponseHead.Known.OTHER;
        };
    }

    /** RFC 9112 §6.3 rule 5: a list of identical values stands for one; anything but digits is refused. */
    private static long contentLength(byte[] buf, int s, int e) throws ResponseFramingException {
        long value = -1;
        int i = s;
        while (true) {
            long v = 0;
            int digits = 0;
            while (i < e && digit(buf[i])) {
                if (digits == 18) {
                    throw new ResponseFramingException(FramingError.BAD_CONTENT_LENGTH, "too large: '" + text(buf, s, e) + "'");
                }
                v = v * 10 + (buf[i] - '0');
                digits++;
                i++;
            }
            if (digits == 0 || (value >= 0 && v != value)) {
                throw new ResponseFramingException(FramingError.BAD_CONTENT_LENGTH, "'" + text(buf, s, e) + "'");
            }
            value = v;
            while (i < e && isOws(buf[i])) {
                i++;
            }
            if (i == e) {
                return value;
            }
            if (buf[i] != ',') {
                throw new ResponseFramingException(FramingError.BAD_CONTENT_LENGTH, "'" + text(buf, s, e) + "'");
            }
            i++;
            while (i < e && isOws(buf[i])) {
                i++;
            }
        }
    }

    /** Walks a Transfer-Encoding list: whether its last coding is chunked; chunked before another is refused. */
    private static boolean lastCodingIsChunked(byte[] buf, int s, int e) throws ResponseFramingException {
        boolean last = false;
        int codings = 0;
        int[] element = new int[2];
        for (int i = s; i < e; ) {
            i = element(buf, i, e, element) + 1;
            int ts = element[0];
            int te = element[1];
            if (te > ts) {
                if (last) {
                    throw new ResponseFramingException(FramingError.BAD_TRANSFER_ENCODING, "a coding after chunked: '" + text(buf, s, e) + "'");
                }
                last = te - ts == 7 && equalsLower(buf, ts, "chunked");
                codings++;
            }
        }
        if (codings == 0) {
            throw new ResponseFramingException(FramingError.BAD_TRANSFER_ENCODING, "empty");
        }
        return last;
    }

    /** Whether a comma-separated token list holds {@code token} (lower case), ignoring case. */
    private static boolean hasToken(byte[] buf, int s, int e, String token) {
        int[] element = new int[2];
        for (int i = s; i < e; ) {
            i = element(buf, i, e, element) + 1;
            if (element[1] - element[0] == token.length() && equalsLower(buf, element[0], token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One element of a comma-separated list (RFC 9110 section 5.6.1) starting at {@code i}: its
     * bounds without the surrounding whitespace go to {@code bounds}; returns the index of the
     * comma after it (or {@code e}).
     */
    private static int element(byte[] buf, int i, int e, int[] bounds) {
        int c = i;
        while (c < e && buf[c] != ',') {
            c++;
        }
        int ts = i;
        int te = c;
        while (ts < te && isOws(buf[ts])) {
            ts++;
        }
        while (te > ts && isOws(buf[te - 1])) {
            te--;
        }
        bounds[0] = ts;
        bounds[1] = te;
        return c;
    }

    private static boolean equalsLower(byte[] buf, int s, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            if (ResponseHead.lower(buf[s + k]) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] buf, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (buf[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    private static String text(byte[] buf, int s, int e) {
        int n = Math.min(e - s, 120);
        return new String(buf, s, n, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?")
                + (n < e - s ? "…" : "");
    }
}
