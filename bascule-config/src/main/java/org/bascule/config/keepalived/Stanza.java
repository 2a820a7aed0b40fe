package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * One statement of keepalived.conf: a keyword, the words after it on its line, and its block
 * if it has one ({@code keyword args… { children… }}). This is the syntax tree the keyword
 * tables walk; it knows nothing of what keywords mean.
 *
 * @param keyword  the first word
 * @param args     the other words of the line
 * @param hasBlock true when a {@code {} followed (on the same line or the next)
 * @param children the statements of the block
 * @param close    where the block's {@code }} is, empty for no block or an unclosed one
 */
record Stanza(Token keyword, List<Token> args, boolean hasBlock, List<Stanza> children, Optional<SourcePos> close) {

    Stanza {
        Objects.requireNonNull(keyword, "keyword");
        args = List.copyOf(args);
        children = List.copyOf(children);
        Objects.requireNonNull(close, "close");
    }

    /** The keyword's text. */
    String name() {
        return keyword.text();
    }

    /** Where the keyword starts. */
    SourcePos pos() {
        return keyword.pos();
    }

    /** The i-th word after the keyword. */
    Token arg(int i) {
        return args.get(i);
    }

    /** The texts of the words after the keyword. */
    List<String> argTexts() {
        return args.stream().map(Token::text).toList();
    }

    /** The keyword and its words, as a user would recognise the line: {@code virtual_server 10.0.0.1 80}. */
    String display() {
        StringBuilder sb = new StringBuilder(keyword.text());
        for (Token t : args) {
            sb.append(' ').append(t.text());
        }
        return sb.toString();
    }

    /** The args from {@code from} on, joined with blanks (for commands written without quotes). */
    String joinArgs(int from) {
        return String.join(" ", argTexts().subList(Math.min(from, args.size()), args.size()));
    }
}
