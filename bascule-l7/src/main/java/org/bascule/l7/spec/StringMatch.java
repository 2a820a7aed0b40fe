package org.bascule.l7.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The pattern half of a string ACL: {@code [-i] [-m method] pattern…}. True when the sample
 * matches any pattern.
 *
 * @param method     the comparison ({@code -m}, or the fetch suffix)
 * @param patterns   the values; at least one unless {@link MatchMethod#FOUND}
 * @param ignoreCase {@code -i}
 */
public record StringMatch(MatchMethod method, List<String> patterns, boolean ignoreCase) {

    public StringMatch {
        Require.nonNull(method, "-m");
        patterns = List.copyOf(patterns);
        Require.that(method == MatchMethod.FOUND || !patterns.isEmpty(), "ACL patterns", patterns,
                "at least one pattern for -m " + method.name().toLowerCase(Locale.ROOT));
        if (method == MatchMethod.REGEX) {
            for (String p : patterns) {
                try {
                    Pattern.compile(p);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("regex: '" + p + "' (expected: a valid regex: " + e.getDescription() + ")");
                }
            }
        }
    }

    public static StringMatch exact(String... patterns) {
        return new StringMatch(MatchMethod.EXACT, List.of(patterns), false);
    }

    public static StringMatch begin(String... patterns) {
        return new StringMatch(MatchMethod.BEGIN, List.of(patterns), false);
    }

    /** {@code -i} exact match, the usual form of {@code hdr(host) -i example.org}. */
    public static StringMatch exactIgnoreCase(String... patterns) {
        return new StringMatch(MatchMethod.EXACT, List.of(patterns), true);
    }
}
