package org.bascule.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;

/** Errors are reported like the keepalived parser's: file:line:col, the token, what was expected, all in one pass. */
class HaproxyDiagnosticsTest {

    /** The first five lines of the small configurations below: HTTP with every timeout set (no warning about them). */
    private static final String HTTP_DEFAULTS = """
            defaults
                mode http
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            """;

    @Test
    void everyErrorOfAFileInOnePassWithPositionsAndSuggestions() {
        String text = """
                defaults
                    mode htp
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend f
                    bind :8080 v4v7
                    acl api pat_beg /api
                    use_backend bb if ap
                    default_backend b
                backend b
                    balance leastconn
                    server s1 127.0.0.1:80 wieght 3
                    retrys 3
                """;
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("h.cfg", text);
        assertThat(r.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "h.cfg:2:10: error: unknown mode 'htp' (expected: http or tcp)",
                "h.cfg:7:16: error: unknown bind option 'v4v7' (did you mean 'v4v6'?)",
                "h.cfg:8:13: error: unknown sample fetch 'pat_beg' (did you mean 'path_beg'?)",
                "h.cfg:9:23: error: no such ACL 'ap' (did you mean 'api'?)",
                "h.cfg:13:28: error: unknown server option 'wieght' (did you mean 'weight'?)",
                "h.cfg:14:5: error: unknown keyword in 'backend' section 'retrys' (did you mean 'retries'?)");
        // The valid parts are still in the model.
        assertThat(r.config().backend("b").orElseThrow().balance().algorithm()).isEqualTo(Balance.Algorithm.LEASTCONN);
    }

    @Test
    void keywordsInTheWrongSectionSayWhereTheyBelong() {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("w.cfg", "global\n    balance roundrobin\nfrontend f\n    daemon\n    bind :80\n");
        assertThat(r.errors()).extracting(Diagnostic::format).containsExactly(
                "w.cfg:2:5: error: unknown keyword in 'global' section 'balance' (it belongs in a defaults, frontend, backend or listen section)",
                "w.cfg:4:5: error: unknown keyword in 'frontend' section 'daemon' (it belongs in the 'global' section)");
    }

    @Test
    void unknownBackendsAreFoundAfterTheWholeFile() {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("b.cfg", "frontend f\n    bind :80\n    use_backend later\n    default_backend servres\nbackend later\nbackend servers\n");
        assertThat(r.errors()).extracting(Diagnostic::format).containsExactly(
                "b.cfg:4:21: error: no such backend for default_backend 'servres' (did you mean 'servers'?)");
    }

    @Test
    void responseRulesOnFramingFieldsAreWarnedAtTheirLine() {
        String text = HTTP_DEFAULTS + """
                backend b
                    http-response set-header X-Served-By bascule
                    http-response del-header Transfer-Encoding
                    server s1 127.0.0.1:80
                """;
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("r.cfg", text);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(Diagnostic::format).singleElement().satisfies(w -> assertThat(w)
                .startsWith("r.cfg:8:").contains("warning: http-response rule on a framing or hop-by-hop field has no effect")
                .contains("Transfer-Encoding"));
    }

    /** http-request wait-for-body: its two settings in either order, and what is wrong with it said at the word. */
    @Test
    void waitForBodyIsParsedAndItsMistakesNamed() {
        String text = HTTP_DEFAULTS + """
                frontend f
                    bind :8080
                    http-request wait-for-body time 2s at-least 16k
                    http-request wait-for-body at-least 100 time 500 if { path_beg /upload }
                    http-response wait-for-body time 1s
                    default_backend b
                backend b
                    http-request wait-for-body at-least 1k
                    http-request wait-for-body time 1s atleast 1k
                    http-request wait-for-body time soon
                    server s1 127.0.0.1:80
                """;
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("w.cfg", text);
        assertThat(r.errors()).extracting(Diagnostic::format).satisfiesExactly(
                e -> assertThat(e).startsWith("w.cfg:13:18: error: 'wait-for-body' needs its time"),
                e -> assertThat(e).startsWith("w.cfg:14:40: error: unexpected argument to 'wait-for-body'"),
                e -> assertThat(e).startsWith("w.cfg:15:37: error: invalid time"));
        List<HttpRule> rules = r.config().frontend("f").orElseThrow().httpRequest();
        assertThat(rules.get(0)).isInstanceOfSatisfying(HttpRule.WaitForBody.class, w -> {
            assertThat(w.time()).isEqualTo(Duration.ofSeconds(2));
            assertThat(w.atLeast()).hasValue(16384);
        });
        assertThat(rules.get(1)).isInstanceOfSatisfying(HttpRule.WaitForBody.class, w -> {
            assertThat(w.time()).isEqualTo(Duration.ofMillis(500));
            assertThat(w.atLeast()).hasValue(100);
            assertThat(w.condition()).isPresent();
        });
        // In responses it stays an action kept as written (the tier warns it does not run it).
        assertThat(r.config().frontend("f").orElseThrow().httpResponse()).singleElement().isInstanceOf(HttpRule.Other.class);
    }

    @Test
    void unreadableFile() {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse(java.nio.file.Path.of("/nonexistent/haproxy.cfg"));
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.format()).startsWith("/nonexistent/haproxy.cfg:1:1: error: cannot read"));
    }

    @Test
    void recognisesItsGrammar() {
        assertThat(HaproxyParser.looksLikeHaproxy("# x\n\nglobal\n  daemon\n")).isTrue();
        assertThat(HaproxyParser.looksLikeHaproxy("frontend l7lb\nbind :80\n")).isTrue();
        assertThat(HaproxyParser.looksLikeHaproxy("global_defs {\n}\n")).isFalse();
        assertThat(HaproxyParser.looksLikeHaproxy("virtual_server 10.0.0.1 80 {\n}\n")).isFalse();
    }
}
