package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * The {@code stats} lines of a proxy: the HTML statistics page at {@code stats uri}
 * (HAProxy's default URI is {@code /haproxy?stats} once {@code stats enable} is written).
 *
 * @param uri      the page's URI
 * @param settings the other {@code stats} lines ({@code realm}, {@code auth}, {@code refresh} …) as written
 * @param pos      the first stats line
 */
public record StatsPage(String uri, List<Setting> settings, SourcePos pos) {

    /** HAProxy's URI when {@code stats enable} is written without {@code stats uri}. */
    public static final String DEFAULT_URI = "/haproxy?stats";

    public StatsPage {
        Objects.requireNonNull(uri, "uri");
        settings = List.copyOf(settings);
        Objects.requireNonNull(pos, "pos");
    }

    /** The {@code stats NAME} setting's values, if written. */
    public Optional<List<String>> setting(String name) {
        return settings.stream().filter(s -> !s.args().isEmpty() && s.args().getFirst().equals(name))
                .map(s -> s.args().subList(1, s.args().size())).findFirst();
    }
}
