package org.bascule.config.keepalived;

/**
 * The LVS forwarding method, {@code lb_kind} / {@code lvs_method} (ipvsadm -m/-g/-i).
 * keepalived uses NAT when none is set (ipwrapper.c: "no forwarding method set, setting
 * default NAT").
 */
public enum LbKind {
    /** Masquerading: the balancer rewrites the destination and sees the replies. */
    NAT,
    /** Direct routing ("gatewaying"): rewrite the MAC only; replies bypass the balancer. */
    DR,
    /** IP-in-IP (or GUE/GRE) tunnelling; replies bypass the balancer. */
    TUN
}
