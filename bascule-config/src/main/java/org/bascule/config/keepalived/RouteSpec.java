package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * One line of {@code virtual_routes} / {@code virtual_rules} (or {@code static_routes} /
 * {@code static_rules}): the words of an {@code ip route add} / {@code ip rule add} command,
 * kept as written, since that grammar belongs to iproute2.
 */
public record RouteSpec(SourcePos pos, List<String> words) {

    public RouteSpec {
        Objects.requireNonNull(pos, "pos");
        words = List.copyOf(words);
    }

    /** The line as written, words separated by one space. */
    public String text() {
        return String.join(" ", words);
    }
}
