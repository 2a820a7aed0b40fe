package org.bascule.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bascule.config.Diagnostic;
import org.junit.jupiter.api.Test;

/** HAProxy's line grammar: configuration.txt sections 2.2 (quoting and escaping) and 2.3 (environment variables). */
class LineLexerTest {

    private final Problems problems = new Problems();
    private final LineLexer lexer = new LineLexer("t.cfg", Map.of("PORT", "8080", "ADDR", "127.0.0.1", "LIST", "a  b c", "EMPTY", ""), problems);

    private List<String> words(String line) {
        return lexer.lexLine(line, 1).stream().map(Word::text).toList();
    }

    @Test
    void blanksSeparateWordsAndHashStartsAComment() {
        assertThat(words("  bind\t:80   v4v6 # listen")).containsExactly("bind", ":80", "v4v6");
        assertThat(words("bind :80#comment")).containsExactly("bind", ":80");
        assertThat(words("# only a comment")).isEmpty();
        assertThat(words("")).isEmpty();
    }

    @Test
    void weakQuotesKeepBlanksAndHashButApplyEscapesAndVariables() {
        assertThat(words("x \"a b # c\"")).containsExactly("x", "a b # c");
        assertThat(words("x \"a\\\"b\"")).containsExactly("x", "a\"b");
        assertThat(words("x \"port $PORT\"")).containsExactly("x", "port 8080");
        assertThat(words("x \"\\$PORT\"")).containsExactly("x", "$PORT");
    }

    @Test
    void strongQuotesApplyNothing() {
        assertThat(words("x 'a $PORT \\n b'")).containsExactly("x", "a $PORT \\n b");
        assertThat(words("x 'a'\"b\"c")).containsExactly("x", "abc");
    }

    @Test
    void backslashEscapes() {
        assertThat(words("x a\\ b\\#c\\\\d")).containsExactly("x", "a b#c\\d");
        assertThat(words("x \\x41\\t\\r\\n")).containsExactly("x", "A\t\r\n");
        // An unknown escape keeps its backslash: regular expressions need \. and \d.
        assertThat(words("x ^/a\\.b\\d$")).containsExactly("x", "^/a\\.b\\d$");
    }

    @Test
    void environmentVariablesInAndOutOfQuotes() {
        assertThat(words("bind ${ADDR}:$PORT")).containsExactly("bind", "127.0.0.1:8080");
        assertThat(words("x ${LIST[*]} end")).containsExactly("x", "a", "b", "c", "end");
        assertThat(words("x $UNSET")).containsExactly("x");
        assertThat(words("x 5$")).containsExactly("x", "5$");
        assertThat(words("x a${EMPTY}b")).containsExactly("x", "ab");
        assertThat(problems.sorted()).isEmpty();
    }

    @Test
    void anEmptyWordEndsTheLine() {
        assertThat(words("x a \"\"")).containsExactly("x", "a");
        assertThat(words("x \"\" b")).isEmpty();
        assertThat(problems.sorted()).extracting(Diagnostic::format)
                .containsExactly("t.cfg:1:3: error: empty argument '' (expected: a non-empty value: an empty argument ends the line, so 'b' and what follows would be ignored)");
    }

    @Test
    void errorsNameTheColumn() {
        assertThat(words("http-request set-header X \"abc")).isEmpty();
        assertThat(words("bind ${NOPE-1.2.3.4}:80")).isEmpty();
        assertThat(words("x \\xZZ")).isEmpty();
        assertThat(problems.sorted()).extracting(Diagnostic::format).containsExactly(
                "t.cfg:1:3: error: invalid hexadecimal escape '\\xZZ' (expected: \\x followed by two hexadecimal digits)",
                "t.cfg:1:6: error: unterminated environment variable reference '${NOPE-' (expected: '}' right after the variable name (HAProxy 2.6 has no ${NAME-default}))",
                "t.cfg:1:27: error: unmatched quote '\"' (expected: a closing \" on the same line)");
    }

    @Test
    void wordsRememberQuotingAndPosition() {
        List<Word> w = lexer.lexLine("  use_backend b \"if\" x", 7);
        assertThat(w.get(2).quoted()).isTrue();
        assertThat(w.get(2).is("if")).isFalse();
        assertThat(w.get(1).pos().toString()).isEqualTo("t.cfg:7:15");
    }

    @Test
    void tooManyWordsIsAnError() {
        assertThat(words("x" + " a".repeat(70))).isEmpty();
        assertThat(problems.hasErrors()).isTrue();
    }
}
