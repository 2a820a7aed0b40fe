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
 * @param offset   the column of {@code text}'s first character, minus one (the part of a
 *                 ~SEQ/~LST line after its specification starts after it)
 */
record SourceLine(String text, String file, int line, boolean expanded, int offset) {

    SourceLine(String text, String file, int line, boolean expanded) {
        this(text, file, line, expanded, 0);
    }

    /** The position of the character at {@code index} (0-based) of {@link #text()}. */
    SourcePos pos(int index) {
        return new SourcePos(file, line, offset + index + 1);
    }
}
