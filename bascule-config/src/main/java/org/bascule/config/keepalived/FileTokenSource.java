package org.bascule.config.keepalived;

import java.util.ArrayDeque;
import java.util.Deque;
import org.bascule.config.SourcePos;

/**
 * The tokens of one file, produced lazily line by line (preprocess, then lex), ending with one
 * EOF token.
 */
final class FileTokenSource {

    private final FileLines lines;
    private final LinePreprocessor preprocessor;
    private final Diagnostics diagnostics;
    private final Deque<Token> pending = new ArrayDeque<>();

    FileTokenSource(FileLines lines, LinePreprocessor preprocessor, Diagnostics diagnostics) {
        this.lines = lines;
        this.preprocessor = preprocessor;
        this.diagnostics = diagnostics;
    }

    FileLines lines() {
        return lines;
    }

    /** The next token; EOF forever once the file is exhausted. */
    Token next() {
        while (pending.isEmpty()) {
            if (!lines.hasNext()) {
                return Token.of(Token.Kind.EOF, new SourcePos(lines.displayName(), Math.max(1, lines.lineNumber()), 1));
            }
            for (SourceLine line : preprocessor.next(lines)) {
                pending.addAll(Lexer.tokenize(line, diagnostics));
            }
        }
        return pending.removeFirst();
    }
}
