package org.bascule.l7.http1;

/** How the end of a response body is found (RFC 9112 §6.3). */
public enum BodyKind {
    /** No body whatever the fields say: a response to HEAD, 1xx, 204, 304 (rules 1 and 2). */
    NONE,
    /** Exactly Content-Length bytes (rule 6). */
    LENGTH,
    /** The chunked transfer coding (rule 4, RFC 9112 §7.1). */
    CHUNKED,
    /** Until the server closes the connection (rule 8). */
    CLOSE,
    /**
     * None: 101 Switching Protocols ends HTTP on the connection (RFC 9110 §15.2.2, §7.8). Every
     * later byte belongs to the protocol switched to (a WebSocket, RFC 6455 §4), until close.
     */
    TUNNEL
}
