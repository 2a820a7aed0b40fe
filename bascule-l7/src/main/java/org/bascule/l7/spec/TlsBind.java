package org.bascule.l7.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The TLS part of a {@code bind} line: {@code ssl crt <file|dir> [crt …] [alpn h2,http/1.1]
 * [ssl-min-ver TLSv1.2] [ssl-max-ver TLSv1.3]}.
 *
 * @param certificates {@code crt}: PEM files holding a certificate chain and its private key, or
 *                     directories of such files; the first is the default, the others are chosen
 *                     by SNI against their subject and subjectAltNames (HAProxy's behaviour)
 * @param alpn         {@code alpn}: protocols offered in order, e.g. {@code h2}, {@code http/1.1}
 * @param minVersion   {@code ssl-min-ver}: {@code TLSv1.2} by default
 * @param maxVersion   {@code ssl-max-ver}: {@code TLSv1.3} by default
 */
public record TlsBind(List<Path> certificates, List<String> alpn, String minVersion, String maxVersion) {

    private static final List<String> VERSIONS = List.of("TLSv1.2", "TLSv1.3");

    public TlsBind {
        certificates = List.copyOf(certificates);
        alpn = List.copyOf(alpn);
        Require.that(!certificates.isEmpty(), "crt", certificates, "at least one PEM file or directory");
        Require.that(VERSIONS.contains(minVersion), "ssl-min-ver", minVersion, String.join(" or ", VERSIONS));
        Require.that(VERSIONS.contains(maxVersion), "ssl-max-ver", maxVersion, String.join(" or ", VERSIONS));
        Require.that(VERSIONS.indexOf(minVersion) <= VERSIONS.indexOf(maxVersion), "ssl-min-ver", minVersion,
                "not above ssl-max-ver " + maxVersion);
        for (String p : alpn) {
            Require.that(!p.isEmpty() && p.length() < 256, "alpn", p, "1-255 characters");
        }
    }

    public static TlsBind of(List<Path> certificates, List<String> alpn) {
        return new TlsBind(certificates, alpn, "TLSv1.2", "TLSv1.3");
    }

    /** The protocol a client gets when it offers no ALPN. */
    public Optional<String> fallbackProtocol() {
        return alpn.contains("http/1.1") || alpn.isEmpty() ? Optional.of("http/1.1") : Optional.of(alpn.getLast());
    }
}
