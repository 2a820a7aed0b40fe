package org.bascule.config.keepalived;

/**
 * An HTTP status accepted by a {@code url}: {@code status_code 200} or {@code 200-299}
 * (check_http.c: 100..599). A url without status_code accepts 200-299.
 */
public record StatusCodeRange(int from, int to) {

    /** The lowest status keepalived accepts. */
    public static final int MIN = 100;
    /** The highest status keepalived accepts. */
    public static final int MAX = 599;
    /** HTTP_DEFAULT_STATUS_CODE_MIN..MAX. */
    public static final StatusCodeRange DEFAULT = new StatusCodeRange(200, 299);

    public StatusCodeRange {
        if (from < MIN || to > MAX || from > to) {
            throw new IllegalArgumentException("status_code: " + from + "-" + to + " (expected: 100-599, from <= to)");
        }
    }

    /** True when {@code status} is in the range. */
    public boolean contains(int status) {
        return status >= from && status <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
