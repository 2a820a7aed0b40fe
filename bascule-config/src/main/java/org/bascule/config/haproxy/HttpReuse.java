package org.bascule.config.haproxy;

/** {@code http-reuse never|safe|aggressive|always}: sharing of idle server connections; HAProxy's default is {@link #SAFE}. */
public enum HttpReuse {
    NEVER, SAFE, AGGRESSIVE, ALWAYS
}
