package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * A {@code stats socket ADDRESS [options]} line of {@code global}: where the runtime API
 * ({@code show stat}, {@code set server …}) listens.
 *
 * @param endpoint a UNIX path or an {@code ipv4@}/{@code ipv6@}/host:port address
 * @param level    {@code level user|operator|admin} as written, empty when absent
 * @param options  the other bind options as written
 * @param pos      the line
 */
public record StatsSocket(Endpoint endpoint, java.util.Optional<String> level, List<Setting> options, SourcePos pos) {

    public StatsSocket {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(level, "level");
        options = List.copyOf(options);
        Objects.requireNonNull(pos, "pos");
    }
}
