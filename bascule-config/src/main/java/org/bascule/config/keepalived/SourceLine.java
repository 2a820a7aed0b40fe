package org.bascule.config.keepalived;

import org.bascule.config.SourcePos;

/**
 * One line handed to the {@link Lexer} after preprocessing.
 *
 * @param text     the line, comments still in it
 * @param file     the file it comes from, as displayed in diagnostics
 * @param line     its 1-based line number in that file
 * @param expanded true when parameter substitution or ~SEQ/~LST changed it: columns then
 *                 point into the expanded text, not the file
 */
record SourceLine(String text, String file, int line, boolean expanded) {

    /** The position of the character at {@code index} (0-based) of {@link #text()}. */
    SourcePos pos(int index) {
        return new SourcePos(file, line, index + 1);
    }
}
