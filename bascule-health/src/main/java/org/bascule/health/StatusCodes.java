package org.bascule.health;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The HTTP statuses a url accepts: keepalived 2.2's {@code status_code} takes several codes and
 * ranges ({@code status_code 200 301-302}, each 100..599, {@code status_code_handler} in
 * {@code check_http.c}); without it, 200-299.
 */
public record StatusCodes(List<Range> ranges) {

    /** The lowest and highest status keepalived accepts (HTTP_STATUS_CODE_MIN/MAX). */
    public static final int MIN = 100;
    public static final int MAX = 599;

    /** HTTP_DEFAULT_STATUS_CODE_MIN..MAX: any 2xx. */
    public static final StatusCodes DEFAULT = new StatusCodes(List.of(new Range(200, 299)));

    /** {@code from-to}, or one code when equal. */
    public record Range(int from, int to) {
        public Range {
            if (from < MIN || to > MAX || from > to) {
                throw new IllegalArgumentException("status_code: " + from + "-" + to + " (expected: 100-599, from <= to)");
            }
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    public StatusCodes {
        ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("status_code: none (expected: at least one code or range)");
        }
    }

    /** Parses keepalived's words, e.g. {@code ["200", "301-302"]}. */
    public static StatusCodes parse(List<String> words) {
        return new StatusCodes(words.stream().map(StatusCodes::range).toList());
    }

    private static Range range(String word) {
        int dash = word.indexOf('-');
        try {
            int from = Integer.parseInt(dash < 0 ? word : word.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(word.substring(dash + 1));
            return new Range(from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status_code: '" + word + "' (expected: a code 100-599 or a range like 200-299)");
        }
    }

    public boolean accepts(int status) {
        return ranges.stream().anyMatch(r -> status >= r.from() && status <= r.to());
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(" "));
    }
}
