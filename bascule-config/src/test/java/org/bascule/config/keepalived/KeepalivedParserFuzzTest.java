package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;

/**
 * The parser never throws and always answers with a model, whatever the bytes (STYLE.md rule
 * 12). Without {@code JAZZER_FUZZ=1} this replays the corpus in
 * {@code src/test/resources/org/bascule/config/keepalived/KeepalivedParserFuzzTestInputs/fuzzParse/}
 * (seed configurations and every crash found so far) as a regression test; with it, Jazzer
 * fuzzes for 60 s.
 */
class KeepalivedParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzzParse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse("fuzz.conf", text, Configs.OPTIONS);
        assertThat(result).isNotNull();
        assertThat(result.config()).isNotNull();
        // The parser turns a bug into an "internal error" diagnostic rather than throwing: that is a finding too.
        assertThat(result.diagnostics()).extracting(Diagnostic::message).noneMatch(m -> m.startsWith("internal error"));
        assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.pos().line()).isPositive());
        assertThat(KeepalivedSummary.format(result.config())).isNotEmpty();
    }
}
