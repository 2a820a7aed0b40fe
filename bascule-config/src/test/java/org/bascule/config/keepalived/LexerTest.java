package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bascule.config.Diagnostic;
import org.junit.jupiter.api.Test;

class LexerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Token> lex(String line) {
        return Lexer.tokenize(new SourceLine(line, "l.conf", 4, false), diagnostics);
    }

    private List<String> texts(String line) {
        return lex(line).stream().map(t -> t.kind() == Token.Kind.WORD ? t.text() : "<" + t.kind() + ">").toList();
    }

    @Test
    void wordsBracesAndEndOfLine() {
        assertThat(texts("virtual_server 10.0.0.1 80 {")).containsExactly("virtual_server", "10.0.0.1", "80", "<OPEN>", "<EOL>");
        assertThat(texts("  }")).containsExactly("<CLOSE>", "<EOL>");
        assertThat(texts("")).isEmpty();
        assertThat(texts("   \t ")).isEmpty();
    }

    @Test
    void bracesGluedToWordsAreTokens() {
        assertThat(texts("virtual_server 10.0.0.1 80{")).containsExactly("virtual_server", "10.0.0.1", "80", "<OPEN>", "<EOL>");
        assertThat(texts("url { path / }}")).containsExactly("url", "<OPEN>", "path", "/", "<CLOSE>", "<CLOSE>", "<EOL>");
    }

    @Test
    void positionsAreColumnsOfTheLine() {
        List<Token> tokens = lex("  lb_algo  rr");
        assertThat(tokens.get(0).pos()).hasToString("l.conf:4:3");
        assertThat(tokens.get(1).pos()).hasToString("l.conf:4:12");
    }

    @Test
    void commentsStartWhereAWordBegins() {
        assertThat(texts("lvs_method TUN # Mode tunnel pour DSR")).containsExactly("lvs_method", "TUN", "<EOL>");
        assertThat(texts("! a comment")).isEmpty();
        assertThat(texts("    # misc_dynamic")).isEmpty();
        assertThat(texts("priority 100 !note")).containsExactly("priority", "100", "<EOL>");
        assertThat(diagnostics.sorted(List.of())).isEmpty();
    }

    @Test
    void commentCharacterInsideAWordIsKeptWithAWarning() {
        assertThat(texts("auth_pass ab#cd")).containsExactly("auth_pass", "ab#cd", "<EOL>");
        assertThat(diagnostics.sorted(List.of())).extracting(Diagnostic::format).containsExactly(
                "l.conf:4:11: warning: comment character inside word 'ab#cd' (expected: a blank before '#' to start a comment,"
                        + " or quotes to keep it; keepalived would drop the rest of the line here)");
    }

    @Test
    void quotedStringsKeepBlanksBracesAndComments() {
        assertThat(texts("misc_path \"/usr/local/bin/test_ldap.pl 192.168.10.72\""))
                .containsExactly("misc_path", "/usr/local/bin/test_ldap.pl 192.168.10.72", "<EOL>");
        assertThat(texts("quorum_up \"/usr/local/bin/notify.pl qourum up\""))
                .containsExactly("quorum_up", "/usr/local/bin/notify.pl qourum up", "<EOL>");
        assertThat(texts("x '{ # }'")).containsExactly("x", "{ # }", "<EOL>");
        assertThat(lex("x \"a\"").get(1).quoted()).isTrue();
        assertThat(lex("x a").get(1).quoted()).isFalse();
    }

    @Test
    void quotesInsideAWordJoinAsInTheManPage() {
        // keepalived.conf(5), "Quoted strings": abcd" efg h jkl "mnop is one string.
        assertThat(texts("abcd\" efg h jkl \"mnop")).containsExactly("abcd efg h jkl mnop", "<EOL>");
        assertThat(texts("abcd \"efg h jkl\" mnop")).containsExactly("abcd", "efg h jkl", "mnop", "<EOL>");
    }

    @Test
    void escapesInsideQuotes() {
        assertThat(texts("x \"a\\tb\\\\c\\\"d\\x41\\101\\cA\"")).containsExactly("x", "a\tb\\c\"dAA\u0001", "<EOL>");
        assertThat(texts("x a\\tb")).containsExactly("x", "a\\tb", "<EOL>");
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThat(texts("notify_master \"/bin/echo master")).containsExactly("notify_master", "/bin/echo master", "<EOL>");
        assertThat(diagnostics.sorted(List.of())).extracting(Diagnostic::format).containsExactly(
                "l.conf:4:15: error: unterminated quoted string '\"/bin/echo master' (expected: a closing \" on the same line)");
    }

    @Test
    void includeLinesKeepBracesInThePattern() {
        assertThat(texts("include /etc/keepalived/{a,b}.conf")).containsExactly("include", "/etc/keepalived/{a,b}.conf", "<EOL>");
        assertThat(texts("includea conf.d/[!x]*.conf")).containsExactly("includea", "conf.d/[!x]*.conf", "<EOL>");
        assertThat(diagnostics.sorted(List.of())).isEmpty();
    }
}
