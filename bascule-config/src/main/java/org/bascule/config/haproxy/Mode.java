package org.bascule.config.haproxy;

/** A proxy's {@code mode}: HAProxy's default is {@link #TCP}. */
public enum Mode {
    /** {@code mode http}: requests are parsed, rules and routing apply. */
    HTTP,
    /** {@code mode tcp}: bytes are forwarded as they come. */
    TCP
}
