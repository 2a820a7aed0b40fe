package org.bascule.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;

/**
 * The haproxy.cfg parser never throws and always answers with a model, whatever the bytes
 * (STYLE.md rule 12). Without {@code JAZZER_FUZZ=1} this replays the corpus in
 * {@code src/test/resources/org/bascule/config/haproxy/HaproxyParserFuzzTestInputs/fuzzParse/}
 * (seed configurations and every crash found so far) as a regression test; with it (and the
 * {@code fuzz} profile), Jazzer fuzzes for 60 s.
 */
class HaproxyParserFuzzTest {

    private static final Map<String, String> ENV = Map.of("A", "127.0.0.1", "B", "x y z");

    @FuzzTest(maxDuration = "60s")
    void fuzzParse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ParseResult<HaproxyConfig> result = HaproxyParser.parse("fuzz.cfg", text, ENV);
        assertThat(result).isNotNull();
        assertThat(result.config()).isNotNull();
        assertThat(result.diagnostics()).extracting(Diagnostic::message).noneMatch(m -> m.startsWith("internal error"));
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.pos().line()).isPositive());
        assertThat(HaproxySummary.format(result.config())).isNotEmpty();
    }
}
