package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code global} section (configuration.txt section 3): process-wide settings.
 *
 * @param maxconn      {@code maxconn}: most concurrent connections of the process
 * @param nbthread     {@code nbthread}
 * @param statsSockets {@code stats socket} lines
 * @param statsTimeout {@code stats timeout}
 * @param crtBase      {@code crt-base}: directory of relative {@code crt} paths
 * @param settings     the other global statements, kept as written (with {@code stats timeout|maxconn} lines, for their position)
 */
public record Global(OptionalInt maxconn, OptionalInt nbthread, List<StatsSocket> statsSockets, Optional<java.time.Duration> statsTimeout,
                     Optional<String> crtBase, List<Setting> settings) {

    public Global {
        Objects.requireNonNull(maxconn, "maxconn");
        Objects.requireNonNull(nbthread, "nbthread");
        statsSockets = List.copyOf(statsSockets);
        Objects.requireNonNull(statsTimeout, "statsTimeout");
        Objects.requireNonNull(crtBase, "crtBase");
        settings = List.copyOf(settings);
    }

    /** No global section. */
    public static Global empty() {
        return new Global(OptionalInt.empty(), OptionalInt.empty(), List.of(), Optional.empty(), Optional.empty(), List.of());
    }
}
