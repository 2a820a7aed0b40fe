package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unbalanced braces, reported where the user can fix them (StanzaReader). */
class BraceDiagnosticsTest {

    @Test
    void extraClosingBraceNamesTheBlockAlreadyClosed() {
        String text = """
                virtual_server 10.0.0.1 80 {
                 lb_algo rr
                 lb_kind NAT
                 protocol TCP
                 real_server 10.0.0.2 80 {
                  TCP_CHECK {
                  }
                 }
                }

                }
                """;
        assertThat(Configs.diagnostics(text)).containsExactly(
                "test.conf:11:1: error: unexpected '}' (no block is open here; the block 'virtual_server 10.0.0.1 80'"
                        + " opened at line 1 was already closed at line 9)");
    }

    @Test
    void extraClosingBraceBeforeAnyBlock() {
        assertThat(Configs.diagnostics("}\n")).containsExactly("test.conf:1:1: error: unexpected '}' (no block is open here)");
    }

    @Test
    void unclosedBlockIsReportedWhereItOpens() {
        String text = "vrrp_script chk {\n  script /bin/true\n";
        assertThat(Configs.diagnostics(text)).containsExactly(
                "test.conf:1:17: error: unclosed block 'vrrp_script chk' (expected: a '}' before the end of the file)");
        assertThat(Configs.parse(text).config().vrrpScripts()).hasSize(1);
    }

    @Test
    void openingBraceOnTheNextLineBelongsToTheKeyword() {
        String text = "vrrp_script chk\n{\n  script /bin/true\n}\n";
        assertThat(Configs.clean(text).vrrpScripts().getFirst().script()).isEqualTo("/bin/true");
    }

    @Test
    void strayOpeningBrace() {
        assertThat(Configs.diagnostics("{\n}\n")).containsExactly(
                "test.conf:1:1: error: unexpected '{' (expected: a keyword before '{', e.g. 'virtual_ipaddress {')");
    }

    @Test
    void statementsOnTheLinesOfTheirBraces() {
        String text = "vrrp_script chk { script /bin/true\n interval 3 }\n";
        var script = Configs.clean(text).vrrpScripts().getFirst();
        assertThat(script.interval()).hasSeconds(3);
    }

    @Test
    void missingOpeningBraceIsAnErrorAndTheRestIsStillRead() {
        String text = "vrrp_script chk\n  script /bin/true\nvrrp_script other {\n script /bin/false\n}\n";
        var result = Configs.parse(text);
        assertThat(result.formatDiagnostics()).contains(
                "test.conf:1:1: error: missing '{' after 'vrrp_script chk' (expected: vrrp_script NAME { script …; interval … })");
        assertThat(result.config().vrrpScripts()).extracting(VrrpScript::name).containsExactly("other");
    }

    @Test
    void deepNestingIsBounded() {
        String text = "global_defs " + "{ a ".repeat(200) + "}".repeat(200) + "\n";
        assertThat(Configs.diagnostics(text)).anyMatch(d -> d.contains("blocks nested too deeply"));
    }
}
