package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * The top-level {@code SSL { password; ca; certificate; key }} block used by SSL_GET checkers;
 * keepalived generates a context when none is given.
 */
public record SslContext(
        SourcePos pos,
        Optional<String> password,
        Optional<String> ca,
        Optional<String> certificate,
        Optional<String> key) {

    public SslContext {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }
}
