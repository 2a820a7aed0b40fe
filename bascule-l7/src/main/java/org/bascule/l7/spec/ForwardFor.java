package org.bascule.l7.spec;

import java.util.Optional;

/**
 * {@code option forwardfor [except <net>] [header <name>] [if-none]}: adds the client address to
 * the request in {@code X-Forwarded-For} (or {@code header}).
 *
 * @param header the header name, {@code X-Forwarded-For} by default
 * @param except clients in this network get no header (e.g. the balancer's own health probes)
 * @param ifNone only add it when the request does not carry the header already
 */
public record ForwardFor(String header, Optional<IpRange> except, boolean ifNone) {
    public ForwardFor {
        HeaderNames.check(header, "option forwardfor header");
        Require.nonNull(except, "except");
    }

    public static ForwardFor standard() {
        return new ForwardFor("X-Forwarded-For", Optional.empty(), false);
    }
}
