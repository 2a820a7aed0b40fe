package org.bascule.config.haproxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;

/**
 * Collects the diagnostics of one haproxy.cfg parse. Every stage reports here and carries on, so
 * the user sees all the problems of a file at once (HAProxy itself stops reporting within a
 * section after the first error).
 */
final class Problems {

    /** Past this many, further diagnostics are counted but not kept (a binary file would flood). */
    static final int LIMIT = 1000;

    private final List<Diagnostic> list = new ArrayList<>();
    private int dropped;

    void add(Diagnostic diagnostic) {
        if (list.size() < LIMIT) {
            list.add(diagnostic);
        } else {
            dropped++;
        }
    }

    /** {@code what 'token' (expected: expected)}. */
    void error(SourcePos pos, String what, String token, String expected) {
        add(Diagnostic.error(pos, what, token, expected));
    }

    void error(Word word, String what, String expected) {
        error(word.pos(), what, word.text(), expected);
    }

    /** {@code what 'token' (expected: expected)} as a warning. */
    void warning(SourcePos pos, String what, String token, String expected) {
        add(Diagnostic.warning(pos, what, token, expected));
    }

    void warning(Word word, String what, String expected) {
        warning(word.pos(), what, word.text(), expected);
    }

    /** {@code what 'token' (detail)}, the detail being free text. */
    void report(Severity severity, SourcePos pos, String what, String token, String detail) {
        add(Diagnostic.of(severity, pos, what, token, detail));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(Diagnostic::isError);
    }

    /** The diagnostics by line and column; one summary line if some were dropped. */
    List<Diagnostic> sorted() {
        List<Diagnostic> result = new ArrayList<>(list);
        result.sort(Comparator.comparing(Diagnostic::pos));
        if (dropped > 0) {
            result.add(Diagnostic.of(Severity.ERROR, result.getLast().pos(), "too many problems, stopped reporting after",
                    Integer.toString(LIMIT), dropped + " more not shown"));
        }
        return result;
    }
}
