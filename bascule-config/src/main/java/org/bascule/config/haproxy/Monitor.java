package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code monitor-uri URI} and its {@code monitor fail if|unless cond} lines: a request for that
 * URI is answered by the proxy itself, 200 when no fail condition holds, 503 otherwise (the
 * seed's {@code /healthcheck} with {@code monitor fail if dead || disabled}).
 *
 * @param uri   the URI, empty when only {@code monitor fail} was written
 * @param fails the fail conditions, any of which makes the answer 503
 * @param pos   the {@code monitor-uri} line
 */
public record Monitor(Optional<String> uri, List<Condition> fails, SourcePos pos) {

    public Monitor {
        Objects.requireNonNull(uri, "uri");
        fails = List.copyOf(fails);
        Objects.requireNonNull(pos, "pos");
    }
}
