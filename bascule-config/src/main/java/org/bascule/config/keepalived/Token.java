package org.bascule.config.keepalived;

import org.bascule.config.SourcePos;

/**
 * A lexical token of keepalived.conf.
 *
 * @param kind   word, brace, end of line or end of input
 * @param text   the word with quotes removed and escapes applied; "{" or "}" for braces
 * @param pos    where it starts
 * @param quoted true when any part of the word was quoted (a quoted "{" is a word)
 */
record Token(Kind kind, String text, SourcePos pos, boolean quoted) {

    /** What a token is. */
    enum Kind {
        WORD,
        OPEN,
        CLOSE,
        EOL,
        EOF
    }

    static Token word(String text, SourcePos pos, boolean quoted) {
        return new Token(Kind.WORD, text, pos, quoted);
    }

    static Token of(Kind kind, SourcePos pos) {
        String text = switch (kind) {
            case OPEN -> "{";
            case CLOSE -> "}";
            case EOL -> "end of line";
            case EOF -> "end of file";
            case WORD -> throw new IllegalArgumentException("kind: WORD (expected: a word has text)");
        };
        return new Token(kind, text, pos, false);
    }

    boolean is(Kind k) {
        return kind == k;
    }
}
