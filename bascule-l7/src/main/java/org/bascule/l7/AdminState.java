package org.bascule.l7;

/**
 * The operator's word on a server, HAProxy's {@code set server B/S state ready|drain|maint}.
 * Independent of health: a server in DRAIN that fails its checks is DOWN and draining.
 */
public enum AdminState {
    /** Takes traffic according to its weight and health. */
    READY,
    /** No new request (as weight 0); requests in flight and kept-alive pooled connections finish. */
    DRAIN,
    /** Maintenance: no traffic at all; in-flight requests finish, idle pooled connections are closed. */
    MAINT
}
