package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.config.SourcePos;

/**
 * One listening address of a {@code bind} line (a line naming {@code :80,:81} gives two).
 *
 * @param endpoint     where to listen
 * @param pos          the bind line
 * @param v4v6         {@code v4v6}: an IPv6 wildcard also accepts IPv4 (the seed's {@code :80 v4v6})
 * @param v6only       {@code v6only}: an IPv6 wildcard accepts IPv6 only
 * @param acceptProxy  {@code accept-proxy}: every connection starts with a PROXY v1/v2 header
 * @param ssl          {@code ssl}: TLS is terminated here
 * @param certificates {@code crt} files (PEM, certificate and key), in order
 * @param alpn         {@code alpn} protocols in preference order, e.g. {@code [h2, http/1.1]}
 * @param maxconn      {@code maxconn} of this listener
 * @param name         {@code name} of this listener (stats)
 * @param other        bind options HAProxy accepts that have no typed field here, each with its values
 */
public record Bind(Endpoint endpoint, SourcePos pos, boolean v4v6, boolean v6only, boolean acceptProxy, boolean ssl,
                   List<String> certificates, List<String> alpn, OptionalInt maxconn, Optional<String> name, List<Setting> other) {

    public Bind {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(pos, "pos");
        certificates = List.copyOf(certificates);
        alpn = List.copyOf(alpn);
        Objects.requireNonNull(maxconn, "maxconn");
        Objects.requireNonNull(name, "name");
        other = List.copyOf(other);
    }
}
