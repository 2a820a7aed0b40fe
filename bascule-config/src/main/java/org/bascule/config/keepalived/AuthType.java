package org.bascule.config.keepalived;

/** {@code auth_type} in a vrrp_instance's {@code authentication} block (RFC 2338 §5.3.6). */
public enum AuthType {
    /** Simple text password. */
    PASS,
    /** IPSEC Authentication Header. */
    AH
}
