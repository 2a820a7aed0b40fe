package org.bascule.health.http;

/** Why bytes from a server are not an HTTP/1.x response head (RFC 9112). */
public enum HttpResponseError {
    /** The response does not start with {@code HTTP/}: another protocol answered. */
    NOT_HTTP,
    /** {@code HTTP/} not followed by {@code DIGIT "." DIGIT} (RFC 9112 §2.3). */
    BAD_VERSION,
    /** The status code is not three digits followed by a space or the end of the line (§4). */
    BAD_STATUS,
    /** A header line without a colon, or with a space before it (§5.1). */
    BAD_HEADER,
    /** {@code Content-Length} not a number, or several different ones (§6.3). */
    BAD_CONTENT_LENGTH,
    /** No empty line within {@link HttpResponseHeads#MAX_HEAD} bytes. */
    HEAD_TOO_LARGE
}
