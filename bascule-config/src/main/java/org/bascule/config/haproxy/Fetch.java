package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;

/**
 * A sample fetch, the value an ACL or a rule looks at (configuration.txt section 7.3): its name,
 * its arguments and the converters applied to it, e.g. {@code hdr(host)},
 * {@code nbsrv(servers)}, {@code sc_http_req_rate(0)}, {@code src,ipmask(24)}.
 *
 * @param name       the fetch as HAProxy names it, without match suffix ({@code path_beg} is
 *                   {@code path} matched with {@link MatchMethod#BEG})
 * @param args       its arguments, possibly none
 * @param converters converters as written after the fetch, e.g. {@code [lower, ipmask(24)]}
 */
public record Fetch(String name, List<String> args, List<String> converters) {

    public Fetch {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        converters = List.copyOf(converters);
    }

    /** Argument {@code i}, or {@code fallback} when absent. */
    public String arg(int i, String fallback) {
        return i < args.size() ? args.get(i) : fallback;
    }

    @Override
    public String toString() {
        String base = args.isEmpty() ? name : name + "(" + String.join(",", args) + ")";
        return converters.isEmpty() ? base : base + "," + String.join(",", converters);
    }
}
