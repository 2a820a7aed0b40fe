package org.bascule.health.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.health.AdminState;
import org.bascule.health.WeightChange;
import org.junit.jupiter.api.Test;

/** Agent lines as HAProxy 2.x reads them (tcpcheck_agent_expect_reply). */
class AgentRepliesTest {

    @Test
    void eachWord() {
        assertThat(line("up").health()).contains(AgentHealth.UP);
        assertThat(line("down").health()).contains(AgentHealth.DOWN);
        assertThat(line("stopped").health()).contains(AgentHealth.STOPPED);
        assertThat(line("fail").health()).contains(AgentHealth.FAIL);
        assertThat(line("ready").admin()).contains(AdminState.READY);
        assertThat(line("drain").admin()).contains(AdminState.DRAIN);
        assertThat(line("maint").admin()).contains(AdminState.MAINT);
        assertThat(line("75%").weight()).contains(new WeightChange.Percent(75));
        assertThat(line("maxconn:30").maxconn()).hasValue(30);
    }

    @Test
    void wordsCombineInAnyOrderCaseAndSeparatorAndTheLastOfAKindWins() {
        AgentReply r = line("DRAIN,50%\tUp  maint 20% # going away soon");
        assertThat(r).isEqualTo(new AgentReply(Optional.of(AgentHealth.UP), Optional.of(AdminState.MAINT),
                Optional.of(new WeightChange.Percent(20)), OptionalInt.empty(), "going away soon", Optional.empty(),
                Optional.empty()));
    }

    @Test
    void weightsAsServerParseWeightChangeRequestReadsThem() {
        assertThat(line("99999%").weight()).contains(new WeightChange.Percent(25600));
        assertThat(line("0%").weight()).contains(new WeightChange.Percent(0));
        AgentReply garbage = line("50%x");
        assertThat(garbage.weight()).isEmpty();
        assertThat(garbage.warning()).contains("Trailing garbage in weight string");
        assertThat(line("300%x").warning()).contains("Absolute weight can only be between 0 and 256 inclusive.");
        // a word must start with a digit to be a weight
        assertThat(line("x50%").error()).contains("x50%");
    }

    @Test
    void unknownWordsAreAnErrorAndTheFirstIsKept() {
        AgentReply r = line("hello up world");
        assertThat(r.health()).contains(AgentHealth.UP);
        assertThat(r.error()).contains("hello");
    }

    @Test
    void onlyTheFirstLineCountsAndItMustEnd() {
        assertThat(parse("down\r\nup\n")).isEqualTo(new AgentParse.Parsed(line("down")));
        assertThat(parse("up")).isInstanceOf(AgentParse.Incomplete.class);
        assertThat(parse("up\0\n")).isInstanceOf(AgentParse.Malformed.class);
        assertThat(parse("")).isInstanceOf(AgentParse.Incomplete.class);
        assertThat(parse("\n")).isEqualTo(new AgentParse.Parsed(line("")));
    }

    @Test
    void formatThenParseGivesTheSameReply() {
        AgentReply r = line("fail drain 30% maxconn:5 # db lost");
        assertThat(AgentReplies.format(r)).isEqualTo("fail drain 30% maxconn:5 # db lost");
        assertThat(line(AgentReplies.format(r))).isEqualTo(r);
    }

    private static AgentReply line(String s) {
        return AgentReplies.parseLine(s);
    }

    private static AgentParse parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return AgentReplies.parse(b, b.length);
    }
}
