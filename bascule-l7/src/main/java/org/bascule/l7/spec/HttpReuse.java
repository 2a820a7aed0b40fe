package org.bascule.l7.spec;

/** {@code http-reuse never|safe|aggressive|always}: when an idle server connection may carry another client's request. */
public enum HttpReuse {
    /** {@code never}: a server connection belongs to one client connection. */
    NEVER,
    /** {@code safe} (default): idle connections are shared, but a client's first request always goes on a fresh or proven connection. */
    SAFE,
    /** {@code aggressive}: also the first request, on a connection that already served a request. */
    AGGRESSIVE,
    /** {@code always}: any idle connection, even one never used. */
    ALWAYS
}
