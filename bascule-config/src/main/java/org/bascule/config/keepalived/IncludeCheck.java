package org.bascule.config.keepalived;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which include problems are errors rather than warnings (keepalived.conf(5), global_defs
 * {@code include_check} and the {@code includer/m/w/b/a} variants). Plain {@code include}
 * checks nothing, for backward compatibility; Bascule still warns.
 */
enum IncludeCheck {
    /** A matched file cannot be read. */
    READABLE,
    /** A pattern without wildcards names no file. */
    MATCH,
    /** A pattern with wildcards matches no file. */
    WILDCARD_MATCH,
    /** One alternative of a brace expansion matches no file. */
    BRACE_MATCH;

    /** The checks an include keyword adds to the current include_check setting. */
    static Set<IncludeCheck> forKeyword(String keyword) {
        return switch (keyword) {
            case "includer" -> EnumSet.of(READABLE);
            case "includem" -> EnumSet.of(READABLE, MATCH);
            case "includew" -> EnumSet.of(READABLE, WILDCARD_MATCH);
            case "includeb" -> EnumSet.of(READABLE, BRACE_MATCH);
            case "includea" -> EnumSet.allOf(IncludeCheck.class);
            default -> EnumSet.noneOf(IncludeCheck.class);
        };
    }

    /**
     * The setting after {@code include_check OPTIONS}: no option means all; {@code +opt} adds,
     * {@code -opt} removes, a bare option adds; match, wildcard_match and brace_match imply
     * readable.
     *
     * @return null when an option is unknown
     */
    static Set<IncludeCheck> apply(Set<IncludeCheck> current, java.util.List<String> options) {
        if (options.isEmpty()) {
            return EnumSet.allOf(IncludeCheck.class);
        }
        EnumSet<IncludeCheck> result = current.isEmpty() ? EnumSet.noneOf(IncludeCheck.class) : EnumSet.copyOf(current);
        for (String option : options) {
            boolean remove = option.startsWith("-");
            String name = option.startsWith("+") || remove ? option.substring(1) : option;
            IncludeCheck check = switch (name) {
                case "readable" -> READABLE;
                case "match" -> MATCH;
                case "wildcard_match" -> WILDCARD_MATCH;
                case "brace_match" -> BRACE_MATCH;
                default -> null;
            };
            if (check == null) {
                return null;
            }
            if (remove) {
                result.remove(check);
            } else {
                result.add(check);
                if (check != READABLE) {
                    result.add(READABLE);
                }
            }
        }
        return result;
    }
}
