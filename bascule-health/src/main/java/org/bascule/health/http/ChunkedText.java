package org.bascule.health.http;

/**
 * The payload of the start of a {@code Transfer-Encoding: chunked} body (RFC 9112 section 7.1),
 * so that HAProxy's {@code http-check expect string|rstring}, which looks at the decoded body,
 * does not see chunk sizes. Pure; lenient on purpose: it decodes what it can of a prefix cut at
 * any byte (the checker keeps only the first 16 KiB) and stops at the last chunk, a malformed
 * size line or the end of the text.
 */
final class ChunkedText {

    private ChunkedText() {
    }

    /** {@code raw} (ISO-8859-1 text of the body as received) without its chunk framing. */
    static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int eol = raw.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            String sizeLine = raw.substring(i, eol);
            int ext = sizeLine.indexOf(';'); // chunk extensions (section 7.1.1) are ignored
            long size;
            try {
                size = Long.parseLong((ext < 0 ? sizeLine : sizeLine.substring(0, ext)).strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size <= 0) {
                break;
            }
            int start = eol + 2;
            int end = (int) Math.min(raw.length(), start + size);
            out.append(raw, start, end);
            i = end + 2; // the CRLF after the chunk data
        }
        return out.toString();
    }
}
