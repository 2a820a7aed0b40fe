package org.bascule.l7.spec;

import java.util.regex.Pattern;

/**
 * {@code http-check expect [!] status|rstatus|string|rstring <pattern>}. Without it, a 2xx or
 * 3xx status passes.
 */
public sealed interface HttpCheckExpect {

    boolean negate();

    /** {@code status <codes>}: one of the codes, HAProxy accepts a list like {@code 200,301-302}. */
    record Status(String codes, boolean negate) implements HttpCheckExpect {
        public Status {
            Require.that(codes != null && codes.matches("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*"), "http-check expect status",
                    codes, "codes like 200 or 200-299,301");
        }
    }

    /** {@code rstatus <regex>}. */
    record StatusRegex(String regex, boolean negate) implements HttpCheckExpect {
        public StatusRegex {
            Pattern.compile(regex);
        }
    }

    /** {@code string <text>}: the body contains it. */
    record BodyContains(String text, boolean negate) implements HttpCheckExpect {
        public BodyContains {
            Require.that(text != null && !text.isEmpty(), "http-check expect string", text, "a non-empty string");
        }
    }

    /** {@code rstring <regex>}: the body matches it. */
    record BodyRegex(String regex, boolean negate) implements HttpCheckExpect {
        public BodyRegex {
            Pattern.compile(regex);
        }
    }
}
