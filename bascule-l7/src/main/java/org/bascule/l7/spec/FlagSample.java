package org.bascule.l7.spec;

/** A boolean fetch an ACL tests on its own, e.g. {@code acl secure ssl_fc} (HAProxy 2.6 configuration.txt 7.3.4, 7.3.6). */
public enum FlagSample {
    /** {@code ssl_fc}: the client came over TLS. */
    TLS,
    /** {@code ssl_fc_has_sni}: its TLS hello named a server. */
    TLS_HAS_SNI,
    /** {@code http_first_req}: the first request of its connection. */
    FIRST_REQUEST
}
