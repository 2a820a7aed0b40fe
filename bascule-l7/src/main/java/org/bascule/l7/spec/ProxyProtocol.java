package org.bascule.l7.spec;

/** The PROXY protocol header a server connection starts with: {@code send-proxy}, {@code send-proxy-v2}. */
public enum ProxyProtocol {
    NONE,
    /** {@code send-proxy}: the text header {@code PROXY TCP4 src dst sport dport\r\n}. */
    V1,
    /** {@code send-proxy-v2}: the binary header with the 12-byte signature. */
    V2
}
