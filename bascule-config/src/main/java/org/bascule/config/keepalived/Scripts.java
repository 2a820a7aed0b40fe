package org.bascule.config.keepalived;

import java.util.Optional;

/**
 * Readers for script keywords: {@code KEYWORD SCRIPT [USER [GROUP]]} (notify_*, quorum_up …)
 * and {@code user USER [GROUP]}.
 */
final class Scripts {

    private Scripts() {
    }

    /** The usage line of a notify keyword. */
    static String usage(String keyword) {
        return keyword + " SCRIPT|\"SCRIPT ARGS\" [USER [GROUP]]";
    }

    /** {@code SCRIPT [USER [GROUP]]} from the statement's values (1 to 3 of them). */
    static NotifyScript notify(Stanza s) {
        return new NotifyScript(s.pos(), s.arg(0).text(), user(s, 1));
    }

    /** {@code USER [GROUP]} starting at value {@code from}, if present. */
    static Optional<ScriptUser> user(Stanza s, int from) {
        if (s.args().size() <= from) {
            return Optional.empty();
        }
        Optional<String> group = s.args().size() > from + 1 ? Optional.of(s.arg(from + 1).text()) : Optional.empty();
        return Optional.of(new ScriptUser(s.arg(from).text(), group));
    }

    /** Reports a second definition of a script keyword (keepalived keeps the first). */
    static boolean once(ParseContext ctx, Stanza s, Optional<?> existing) {
        if (existing.isPresent()) {
            ctx.error(s.keyword(), "duplicate", "one " + s.name() + " per block");
            return false;
        }
        return true;
    }
}
