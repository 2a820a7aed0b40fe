package org.bascule.l7.spec;

/** HAProxy's {@code mode http|tcp} of a frontend, backend or listen section. */
public enum ProxyMode {
    /** {@code mode http}: requests are parsed, routed, rewritten; connections to servers are pooled. */
    HTTP,
    /** {@code mode tcp}: bytes are relayed as they are after the server is chosen. */
    TCP
}
