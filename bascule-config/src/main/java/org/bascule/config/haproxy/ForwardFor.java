package org.bascule.config.haproxy;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code option forwardfor [except NETWORK] [header NAME] [if-none]}: the client's address is
 * added to each request in {@code X-Forwarded-For} (or the named header).
 *
 * @param except  clients from this network get no header
 * @param header  the header name
 * @param ifNone  add only when the request has none
 * @param pos     the line
 */
public record ForwardFor(Optional<String> except, String header, boolean ifNone, SourcePos pos) {

    public ForwardFor {
        Objects.requireNonNull(except, "except");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pos, "pos");
    }
}
