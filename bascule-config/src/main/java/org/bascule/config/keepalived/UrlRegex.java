package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The regular-expression test of a {@code url} (keepalived.conf(5): {@code regex},
 * {@code regex_no_match}, {@code regex_options}, {@code regex_min_offset},
 * {@code regex_max_offset}, {@code regex_stack}). The pattern is PCRE2 syntax, kept as written.
 */
public record UrlRegex(
        String pattern,
        boolean noMatch,
        List<String> options,
        OptionalLong minOffset,
        OptionalLong maxOffset,
        OptionalLong stackStart,
        OptionalLong stackMax) {

    public UrlRegex {
        Objects.requireNonNull(pattern, "pattern");
        options = List.copyOf(options);
        Objects.requireNonNull(minOffset, "minOffset");
        Objects.requireNonNull(maxOffset, "maxOffset");
        Objects.requireNonNull(stackStart, "stackStart");
        Objects.requireNonNull(stackMax, "stackMax");
    }
}
