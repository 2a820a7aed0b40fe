package org.bascule.health.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Finds and parses the head of an HTTP/1.x response: pure, no I/O, never throws on any input.
 *
 * <p>The status line is {@code HTTP-version SP status-code SP [reason-phrase]} (RFC 9112 §4);
 * a missing space after the code is tolerated, as many servers omit an empty reason. Lines
 * end with CRLF or, as RFC 9112 §2.2 allows a recipient to accept, a bare LF. Of the header
 * fields only the framing ones matter to a health check: {@code Content-Length} limits what
 * is hashed (keepalived's {@code extract_content_length}); {@code Transfer-Encoding} overrides
 * it (§6.3), and the body is then taken as sent, as keepalived does.
 */
public final class HttpResponseHeads {

    /** The largest head accepted; keepalived reads into a 4 KiB buffer, most servers send far less. */
    public static final int MAX_HEAD = 16 * 1024;

    private HttpResponseHeads() {
    }

    /** Parses {@code buf[0..len)}: the bytes received from the server so far. */
    public static HeadParse parse(byte[] buf, int len) {
        int end = endOfHead(buf, len);
        if (end < 0) {
            if (len >= 5 && !startsWithHttp(buf)) {
                return malformed(HttpResponseError.NOT_HTTP, buf, len);
            }
            return len > MAX_HEAD
                    ? new HeadParse.Malformed(HttpResponseError.HEAD_TOO_LARGE, "no end of head within " + MAX_HEAD + " bytes")
                    : new HeadParse.Incomplete();
        }
        if (end > MAX_HEAD) {
            return new HeadParse.Malformed(HttpResponseError.HEAD_TOO_LARGE, "head of " + end + " bytes (expected: <= " + MAX_HEAD + ")");
        }
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/")) {
            return malformed(HttpResponseError.NOT_HTTP, buf, len);
        }
        if (statusLine.length() < 8 || !isDigit(statusLine.charAt(5)) || statusLine.charAt(6) != '.'
                || !isDigit(statusLine.charAt(7))) {
            return new HeadParse.Malformed(HttpResponseError.BAD_VERSION, "status line '" + printable(statusLine) + "'");
        }
        String version = statusLine.substring(0, 8);
        if (statusLine.length() < 12 || statusLine.charAt(8) != ' ' || !isDigit(statusLine.charAt(9))
                || !isDigit(statusLine.charAt(10)) || !isDigit(statusLine.charAt(11))
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            return new HeadParse.Malformed(HttpResponseError.BAD_STATUS, "status line '" + printable(statusLine) + "'");
        }
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        OptionalLong contentLength = OptionalLong.empty();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue; // the final empty line(s)
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue; // obsolete line folding (§5.2): a continuation of the previous field
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(colon - 1) == '\t') {
                return new HeadParse.Malformed(HttpResponseError.BAD_HEADER, "header line " + i + " '" + printable(line) + "'");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("transfer-encoding")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                OptionalLong parsed = contentLength(value);
                if (parsed.isEmpty() || (contentLength.isPresent() && contentLength.getAsLong() != parsed.getAsLong())) {
                    return new HeadParse.Malformed(HttpResponseError.BAD_CONTENT_LENGTH,
                            "Content-Length '" + printable(value) + "'");
                }
                contentLength = parsed;
            }
        }
        return new HeadParse.Parsed(new HttpResponseHead(version, status, reason, end,
                chunked ? OptionalLong.empty() : contentLength, chunked));
    }

    /** Index just after the empty line ending the head, or -1. */
    static int endOfHead(byte[] buf, int len) {
        int limit = Math.min(len, buf.length);
        for (int i = 0; i < limit; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (i + 1 < limit && buf[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < limit && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static OptionalLong contentLength(String value) {
        // "Content-Length: 42, 42" is allowed by §6.3 when the values agree
        long result = -1;
        for (String part : value.split(",", -1)) {
            String v = part.strip();
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(HttpResponseHeads::isDigit)) {
                return OptionalLong.empty();
            }
            long n = Long.parseLong(v);
            if (result >= 0 && n != result) {
                return OptionalLong.empty();
            }
            result = n;
        }
        return OptionalLong.of(result);
    }

    private static boolean startsWithHttp(byte[] buf) {
        return buf.length >= 5 && buf[0] == 'H' && buf[1] == 'T' && buf[2] == 'T' && buf[3] == 'P' && buf[4] == '/';
    }

    private static HeadParse malformed(HttpResponseError error, byte[] buf, int len) {
        int n = Math.min(Math.min(len, buf.length), 40);
        return new HeadParse.Malformed(error, "response starts with '" + printable(new String(buf, 0, n, StandardCharsets.ISO_8859_1)) + "'");
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** At most 80 characters, control bytes shown as {@code \xNN}, for a log line. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= 80 ? out + "..." : out.toString();
    }
}
