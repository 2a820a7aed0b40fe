package org.bascule.config.haproxy;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * One word of a haproxy.cfg line after quoting, escapes and environment variables were applied.
 *
 * @param text   the word's value
 * @param pos    where the word starts in the file
 * @param quoted true when any part of it was quoted (a quoted {@code if} is not a keyword)
 */
public record Word(String text, SourcePos pos, boolean quoted) {

    public Word {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pos, "pos");
    }

    /** True when this word is {@code literal}, written without quotes. */
    public boolean is(String literal) {
        return !quoted && text.equals(literal);
    }

    @Override
    public String toString() {
        return text;
    }
}
