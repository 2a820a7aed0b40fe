package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs built to exhaust the parser (found while fuzzing and by hand): each is refused with a
 * diagnostic in bounded time and memory, never with an exception.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputsTest {

    private static ParseResult<KeepalivedConfig> parse(String text) {
        ParseResult<KeepalivedConfig> result = Configs.parse(text);
        assertThat(result.diagnostics()).noneMatch(d -> d.message().startsWith("internal error"));
        return result;
    }

    @Test
    void deepNesting() {
        assertThat(parse("global_defs " + "{ ".repeat(100_000) + "}".repeat(100_000)).hasErrors()).isTrue();
        assertThat(parse("{".repeat(100_000)).hasErrors()).isTrue();
        assertThat(parse("}".repeat(100_000)).hasErrors()).isTrue();
    }

    @Test
    void parameterThatDoublesItself() {
        assertThat(parse("$A=x\n" + "$A=${A}${A}\n".repeat(40) + "v ${A}\n").errors())
                .anyMatch(d -> d.message().startsWith("parameter substitution grows too long"));
    }

    @Test
    void sequenceExpansionIsBudgeted() {
        assertThat(parse("~SEQ(a,1000) ~SEQ(b,1000) x ${a}${b}\n").errors())
                .anyMatch(d -> d.message().startsWith("line expands to too many lines"));
        assertThat(parse("~LST(a" + ",x".repeat(50_000) + ") y" + "z".repeat(2_000) + " ${a}\n").errors())
                .anyMatch(d -> d.message().startsWith("configuration expands to too much text"));
    }

    @Test
    void diagnosticsAreCapped() {
        ParseResult<KeepalivedConfig> result = parse("zzz 1\n".repeat(50_000));
        assertThat(result.diagnostics()).hasSize(Diagnostics.LIMIT + 1);
        assertThat(result.diagnostics().getLast().message()).isEqualTo("too many problems, stopped reporting after '1000' (49000 more not shown)");
    }

    @Test
    void controlCharactersAndUnpairedQuotes() {
        assertThat(parse("virtual_server \u0000 80 {\u0000}\n\"\"\"'\n\\\n\u0007").config()).isNotNull();
    }
}
