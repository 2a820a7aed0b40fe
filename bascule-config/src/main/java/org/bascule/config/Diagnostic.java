package org.bascule.config;

import java.util.Objects;

/**
 * One problem found in a configuration file, printed the way a compiler prints it (STYLE.md
 * rule 10):
 *
 * <pre>FILE:LINE:COL: error: &lt;what&gt; '&lt;token&gt;' (expected: &lt;what would be accepted&gt;)</pre>
 *
 * @param severity error or warning
 * @param pos      where the offending token starts
 * @param message  everything after {@code "error: "}: what is wrong, the token in quotes, and in
 *                 parentheses what would have been accepted (or why the token is wrong here)
 */
public record Diagnostic(Severity severity, SourcePos pos, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Builds the message from the template's three parts.
     *
     * @param what   what is wrong, e.g. {@code "invalid port"}
     * @param token  the offending token as written
     * @param detail the parenthesised part, e.g. {@code "expected: a port from 1 to 65535"}; empty
     *               for none
     */
    public static Diagnostic of(Severity severity, SourcePos pos, String what, String token, String detail) {
        StringBuilder text = new StringBuilder(what).append(" '").append(token).append('\'');
        if (!detail.isEmpty()) {
            text.append(" (").append(detail).append(')');
        }
        return new Diagnostic(severity, pos, text.toString());
    }

    /** An error whose parenthesis says what was expected. */
    public static Diagnostic error(SourcePos pos, String what, String token, String expected) {
        return of(Severity.ERROR, pos, what, token, "expected: " + expected);
    }

    /** A warning whose parenthesis says what was expected. */
    public static Diagnostic warning(SourcePos pos, String what, String token, String expected) {
        return of(Severity.WARNING, pos, what, token, "expected: " + expected);
    }

    /** True for {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The printed line: {@code file:line:col: error: message}. */
    public String format() {
        return pos + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
