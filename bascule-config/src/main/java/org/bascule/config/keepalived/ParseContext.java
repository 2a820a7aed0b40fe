package org.bascule.config.keepalived;

import org.bascule.config.Severity;
import org.bascule.config.SourcePos;

/**
 * What keyword handlers share during one parse: the diagnostics. Handlers
 * report through it and never throw.
 */
final class ParseContext {

    private final Diagnostics diagnostics;

    ParseContext(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /** {@code what 'token' (expected: expected)} at the token. */
    void error(Token token, String what, String expected) {
        diagnostics.error(token.pos(), what, token.text(), expected);
    }

    /** {@code what 'token' (expected: expected)} at the token, as a warning. */
    void warning(Token token, String what, String expected) {
        diagnostics.warning(token.pos(), what, token.text(), expected);
    }

    /** An error about a whole statement, shown as {@code 'keyword args…'}. */
    void error(Stanza stanza, String what, String expected) {
        diagnostics.error(stanza.pos(), what, stanza.display(), expected);
    }

    /** A warning about a whole statement. */
    void warning(Stanza stanza, String what, String expected) {
        diagnostics.warning(stanza.pos(), what, stanza.display(), expected);
    }

    /** A diagnostic whose parenthesis is free text rather than "expected: …". */
    void report(Severity severity, SourcePos pos, String what, String token, String detail) {
        diagnostics.report(severity, pos, what, token, detail);
    }
}
