package org.bascule.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTest {

    @Test
    void formatsLikeACompiler() {
        Diagnostic d = Diagnostic.error(new SourcePos("a.conf", 3, 7), "invalid port", "70000", "a port from 1 to 65535");
        assertThat(d.format()).isEqualTo("a.conf:3:7: error: invalid port '70000' (expected: a port from 1 to 65535)");
        assertThat(d.isError()).isTrue();
    }

    @Test
    void warningsSayWarning() {
        Diagnostic d = Diagnostic.warning(new SourcePos("a.conf", 1, 1), "deprecated keyword", "nb_get_retry", "retry");
        assertThat(d.toString()).isEqualTo("a.conf:1:1: warning: deprecated keyword 'nb_get_retry' (expected: retry)");
    }

    @Test
    void freeDetailAndNoDetail() {
        SourcePos pos = new SourcePos("b.conf", 2, 5);
        assertThat(Diagnostic.of(Severity.ERROR, pos, "unexpected", "}", "no block is open here").message())
                .isEqualTo("unexpected '}' (no block is open here)");
        assertThat(Diagnostic.of(Severity.WARNING, pos, "odd", "x", "").message()).isEqualTo("odd 'x'");
    }

    @Test
    void positionsAreOneBased() {
        assertThatThrownBy(() -> new SourcePos("f", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourcePos("f", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SourcePos.start("f")).hasToString("f:1:1");
        assertThat(new SourcePos("a", 2, 1)).isLessThan(new SourcePos("a", 10, 1));
    }

    @Test
    void resultSeparatesErrorsAndWarnings() {
        SourcePos pos = SourcePos.start("c.conf");
        ParseResult<String> result = new ParseResult<>("model", List.of(
                Diagnostic.warning(pos, "w", "t", "x"), Diagnostic.error(pos, "e", "t", "y")));
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.warnings()).hasSize(1);
        assertThat(result.formatDiagnostics()).isEqualTo(
                "c.conf:1:1: warning: w 't' (expected: x)\nc.conf:1:1: error: e 't' (expected: y)");
        assertThat(new ParseResult<>("m", List.of()).hasErrors()).isFalse();
    }
}
