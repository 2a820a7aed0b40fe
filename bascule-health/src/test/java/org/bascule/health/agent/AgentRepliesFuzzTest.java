package org.bascule.health.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The agent-reply parser answers every byte string and never throws (R-Q3); what it parses
 * survives a format/parse round trip. Seeds in
 * {@code src/test/resources/org/bascule/health/agent/AgentRepliesFuzzTestInputs/fuzzParse/}
 * replay in CI; {@code JAZZER_FUZZ=1} fuzzes for 60 s.
 */
class AgentRepliesFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzzParse(byte[] data) {
        AgentParse result = AgentReplies.parse(data, data.length);
        assertThat(result).isNotNull();
        if (result instanceof AgentParse.Parsed(AgentReply reply)) {
            reply.weight().ifPresent(w -> assertThat(w.percent()).isBetween(0, 25600));
            reply.maxconn().ifPresent(m -> assertThat(m).isNotNegative());
            AgentReply again = AgentReplies.parseLine(AgentReplies.format(reply));
            assertThat(again.health()).isEqualTo(reply.health());
            assertThat(again.admin()).isEqualTo(reply.admin());
            assertThat(again.weight()).isEqualTo(reply.weight());
            assertThat(again.maxconn()).isEqualTo(reply.maxconn());
        }
    }
}
