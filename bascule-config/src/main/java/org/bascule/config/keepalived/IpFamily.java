package org.bascule.config.keepalived;

/** {@code ip_family inet|inet6} of a fwmark virtual server, or the family of a group's fwmark. */
public enum IpFamily {
    /** IPv4. */
    INET,
    /** IPv6. */
    INET6
}
