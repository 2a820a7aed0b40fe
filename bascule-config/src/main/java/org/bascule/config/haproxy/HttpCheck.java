package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code option httpchk [METHOD] [URI] [VERSION]} with its {@code http-check} lines: servers
 * with {@code check} are probed with that request instead of a TCP connect. With no
 * {@code http-check expect}, a 2xx or 3xx status passes (configuration.txt "option httpchk").
 *
 * @param method        {@code OPTIONS} unless given
 * @param uri           {@code /} unless given
 * @param version       {@code HTTP/1.0} unless given
 * @param headers       {@code http-check send hdr NAME VALUE} pairs, as "Name: value"
 * @param expects       {@code http-check expect} lines, all of which must hold
 * @param disableOn404  {@code http-check disable-on-404}
 * @param pos           the {@code option httpchk} line
 */
public record HttpCheck(String method, String uri, String version, List<String> headers, List<Expect> expects, boolean disableOn404,
                        SourcePos pos) {

    public HttpCheck {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(version, "version");
        headers = List.copyOf(headers);
        expects = List.copyOf(expects);
        Objects.requireNonNull(pos, "pos");
    }

    /**
     * {@code http-check expect [!] status|rstatus|string|rstring PATTERN}.
     *
     * @param negated true with {@code !}
     * @param kind    what is compared
     * @param pattern status codes ({@code 200}, {@code 200-399}, {@code 200,301}), a regular
     *                expression or a string to find in the body
     * @param pos     the line
     */
    public record Expect(boolean negated, ExpectKind kind, String pattern, SourcePos pos) {
        public Expect {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(pos, "pos");
        }
    }

    /** What an expect rule compares. */
    public enum ExpectKind {
        STATUS, RSTATUS, STRING, RSTRING;

        public String keyword() {
            return name().toLowerCase();
        }

        public static Optional<ExpectKind> of(String word) {
            for (ExpectKind k : values()) {
                if (k.keyword().equals(word)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
