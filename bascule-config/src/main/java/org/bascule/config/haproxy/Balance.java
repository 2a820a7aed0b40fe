package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code balance ALGORITHM [args]} (configuration.txt section 4.2, "balance"); HAProxy's default
 * is {@code roundrobin}.
 *
 * @param algorithm the algorithm
 * @param parameter the algorithm's argument: the header of {@code hdr(name)}, the draws of
 *                  {@code random(2)}, the parameter of {@code url_param}, the cookie of
 *                  {@code rdp-cookie(name)}, the expression of {@code hash}
 * @param options   the words after it ({@code len 8}, {@code depth 2}, {@code whole},
 *                  {@code use-domain-only} …)
 * @param pos       the line, or the proxy when not written
 */
public record Balance(Algorithm algorithm, Optional<String> parameter, List<String> options, SourcePos pos) {

    public Balance {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(parameter, "parameter");
        options = List.copyOf(options);
        Objects.requireNonNull(pos, "pos");
    }

    /** The algorithms of HAProxy 2.6. */
    public enum Algorithm {
        ROUNDROBIN("roundrobin"),
        STATIC_RR("static-rr"),
        LEASTCONN("leastconn"),
        FIRST("first"),
        SOURCE("source"),
        URI("uri"),
        URL_PARAM("url_param"),
        HDR("hdr"),
        RANDOM("random"),
        RDP_COOKIE("rdp-cookie"),
        HASH("hash");

        private final String keyword;

        Algorithm(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** The algorithm written {@code keyword}, if any. */
        public static Optional<Algorithm> of(String keyword) {
            for (Algorithm a : values()) {
                if (a.keyword.equals(keyword)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        String p = parameter.map(v -> "(" + v + ")").orElse("");
        return algorithm.keyword() + p + (options.isEmpty() ? "" : " " + String.join(" ", options));
    }
}
