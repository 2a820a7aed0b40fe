package org.bascule.config.haproxy;

import java.util.List;
import org.bascule.config.SourcePos;

/**
 * One non-empty line of haproxy.cfg: a keyword and its arguments. HAProxy's grammar is line
 * based (configuration.txt section 2.1): indentation carries no meaning, a section runs until the
 * next section keyword.
 *
 * @param words at least one word; the first is the keyword
 */
record ConfigLine(List<Word> words) {

    ConfigLine {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("words: empty (expected: at least the keyword)");
        }
    }

    Word keyword() {
        return words.getFirst();
    }

    String name() {
        return words.getFirst().text();
    }

    SourcePos pos() {
        return words.getFirst().pos();
    }

    int line() {
        return pos().line();
    }

    /** The words after the keyword. */
    List<Word> args() {
        return words.subList(1, words.size());
    }

    /** Argument {@code i} (0 = first after the keyword). */
    Word arg(int i) {
        return words.get(i + 1);
    }

    int argCount() {
        return words.size() - 1;
    }

    /** The line as HAProxy reads it, words separated by one space. */
    String text() {
        return String.join(" ", words.stream().map(Word::text).toList());
    }

    /** The words from {@code from} (an index in {@link #words()}) to the end. */
    List<Word> from(int from) {
        return words.subList(Math.min(from, words.size()), words.size());
    }
}
