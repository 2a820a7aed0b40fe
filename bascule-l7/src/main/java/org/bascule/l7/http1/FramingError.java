package org.bascule.l7.http1;

/**
 * Why a server's response cannot be forwarded (HAProxy answers the client 502 for each, and
 * closes the server connection). The text names what was seen; the detail of one occurrence
 * travels in {@link ResponseFramingException#getMessage()}.
 */
public enum FramingError {
    /** The status line is not {@code HTTP/1.x NNN [reason]} (RFC 9112 §4). */
    BAD_STATUS_LINE("invalid status line"),
    /** A field line that is not {@code token ":" OWS value OWS} (RFC 9112 §5). */
    BAD_FIELD("invalid header field"),
    /** A field line starting with whitespace: obsolete line folding (RFC 9112 §5.2). */
    OBS_FOLD("obsolete line folding"),
    /** A Content-Length that is not digits, or several that differ (RFC 9112 §6.3 rule 5). */
    BAD_CONTENT_LENGTH("invalid Content-Length"),
    /** Both Transfer-Encoding and Content-Length (RFC 9112 §6.3 rule 3: a smuggling vector). */
    CONTENT_LENGTH_AND_TRANSFER_ENCODING("both Content-Length and Transfer-Encoding"),
    /** A Transfer-Encoding whose last coding is not chunked, chunked twice, or in HTTP/1.0 (RFC 9112 §6.1). */
    BAD_TRANSFER_ENCODING("invalid Transfer-Encoding"),
    /** The head does not fit in {@code tune.bufsize}. */
    HEAD_TOO_LARGE("response head larger than tune.bufsize"),
    /** A chunk-size line, chunk end or trailer section that breaks RFC 9112 §7.1. */
    BAD_CHUNK("invalid chunked framing"),
    /** Bytes from the server while no request waits for them, or after a response's end (pipelined leftovers). */
    UNSOLICITED("bytes after the end of the response"),
    /** 101 Switching Protocols to a request that did not ask to upgrade (RFC 9110 §15.2.2). */
    UNEXPECTED_UPGRADE("unexpected 101 Switching Protocols");

    private final String text;

    FramingError(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
