package org.bascule.health;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a check response's body must hold, HAProxy's {@code http-check expect [!] string <text>}
 * and {@code http-check expect [!] rstring <regex>}: the body contains the text, or the regular
 * expression finds a match in it; {@code !} inverts the verdict. Like HAProxy, only what fits its
 * buffer is looked at ({@link #LIMIT}, the default {@code tune.bufsize}).
 */
public sealed interface BodyExpect {

    /** The start of the body that is matched, HAProxy's default {@code tune.bufsize}. */
    int LIMIT = 16384;

    boolean negate();

    /** Whether {@code body} (the first {@link #LIMIT} bytes, ISO-8859-1) passes. */
    boolean accepts(String body);

    /** {@code [!] string <text>}. */
    record Contains(String text, boolean negate) implements BodyExpect {
        public Contains {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("http-check expect string: '' (expected: a non-empty string)");
            }
        }

        @Override
        public boolean accepts(String body) {
            return body.contains(text) != negate;
        }

        @Override
        public String toString() {
            return (negate ? "! " : "") + "string '" + text + "'";
        }
    }

    /** Several expectations on one body ({@code http-check expect} rules in a row): all must pass. */
    record All(java.util.List<BodyExpect> each) implements BodyExpect {
        public All {
            each = java.util.List.copyOf(each);
        }

        @Override
        public boolean negate() {
            return false;
        }

        @Override
        public boolean accepts(String body) {
            return each.stream().allMatch(e -> e.accepts(body));
        }

        @Override
        public String toString() {
            return each.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(" and "));
        }
    }

    /** {@code [!] rstring <regex>}. */
    record Matches(Pattern regex, boolean negate) implements BodyExpect {
        public Matches {
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public boolean accepts(String body) {
            return regex.matcher(body).find() != negate;
        }

        @Override
        public String toString() {
            return (negate ? "! " : "") + "rstring '" + regex.pattern() + "'";
        }
    }
}
