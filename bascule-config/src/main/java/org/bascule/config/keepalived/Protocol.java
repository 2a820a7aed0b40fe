package org.bascule.config.keepalived;

/** A virtual service's L4 protocol, {@code protocol TCP|UDP|SCTP} (case-insensitive in keepalived). */
public enum Protocol {
    TCP,
    UDP,
    SCTP
}
