package org.bascule.l4.table;

/** Transport protocol of a virtual service, as keepalived's {@code protocol} directive names it. */
public enum L4Protocol {
    TCP,
    UDP,
    SCTP
}
