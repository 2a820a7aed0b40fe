package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code authentication { auth_type PASS|AH; auth_pass SECRET }} of a vrrp_instance (VRRPv2
 * only; removed from the protocol by RFC 3768).
 *
 * @param password the secret; keepalived only uses its first 8 characters, so that is what is
 *                 kept (a longer one is reported)
 */
public record Authentication(SourcePos pos, AuthType type, String password) {

    /** keepalived uses only the first eight characters of auth_pass. */
    public static final int MAX_PASSWORD_LENGTH = 8;

    public Authentication {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
    }
}
