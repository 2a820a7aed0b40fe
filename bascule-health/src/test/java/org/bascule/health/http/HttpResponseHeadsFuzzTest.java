package org.bascule.health.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The response-head parser answers every byte string with Incomplete, Parsed or Malformed and
 * never throws (R-Q3). Without {@code JAZZER_FUZZ=1} this replays the seeds in
 * {@code src/test/resources/org/bascule/health/http/HttpResponseHeadsFuzzTestInputs/fuzzParse/};
 * with it (and the {@code fuzz} profile's release 23), Jazzer fuzzes for 60 s.
 */
class HttpResponseHeadsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzzParse(byte[] data) {
        HeadParse result = HttpResponseHeads.parse(data, data.length);
        assertThat(result).isNotNull();
        if (result instanceof HeadParse.Parsed(HttpResponseHead head)) {
            assertThat(head.length()).isBetween(1, data.length);
            assertThat(head.status()).isBetween(0, 999);
            assertThat(head.version()).startsWith("HTTP/");
            head.contentLength().ifPresent(n -> assertThat(n).isNotNegative());
            // a parsed head stays parsed, whatever body follows
            byte[] more = java.util.Arrays.copyOf(data, data.length + 7);
            assertThat(HttpResponseHeads.parse(more, more.length)).isEqualTo(result);
        }
        if (result instanceof HeadParse.Malformed(HttpResponseError error, String detail)) {
            assertThat(detail).isNotEmpty().doesNotContain("\r", "\n");
        }
    }
}
