package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;

/**
 * Collects the diagnostics of one parse. Every stage reports here and carries on, so the user
 * sees all the problems of a file at once.
 */
final class Diagnostics {

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

    /** {@code what 'token' (expected: expected)} as an error. */
    void error(SourcePos pos, String what, String token, String expected) {
        add(Diagnostic.error(pos, what, token, expected));
    }

    /** {@code what 'token' (expected: expected)} as a warning. */
    void warning(SourcePos pos, String what, String token, String expected) {
        add(Diagnostic.warning(pos, what, token, expected));
    }

    /** {@code what 'token' (detail)}, the detail being free text. */
    void report(Severity severity, SourcePos pos, String what, String token, String detail) {
        add(Diagnostic.of(severity, pos, what, token, detail));
    }

    /** True once the limit is reached: callers may skip building costly messages. */
    boolean full() {
        return list.size() >= LIMIT;
    }

    boolean hasErrors() {
        return list.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * The diagnostics in reading order: files in the order they were first read, then line and
     * column; one summary line if some were dropped.
     */
    List<Diagnostic> sorted(List<String> fileOrder) {
        Comparator<Diagnostic> byFile = Comparator.comparingInt(d -> {
            int index = fileOrder.indexOf(d.pos().file());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        List<Diagnostic> result = new ArrayList<>(list);
        result.sort(byFile.thenComparing(d -> d.pos().file())
                .thenComparingInt(d -> d.pos().line())
                .thenComparingInt(d -> d.pos().column()));
        if (dropped > 0) {
            SourcePos last = result.getLast().pos();
            result.add(Diagnostic.of(Severity.ERROR, last, "too many problems, stopped reporting after",
                    Integer.toString(LIMIT), dropped + " more not shown"));
        }
        return result;
    }
}
