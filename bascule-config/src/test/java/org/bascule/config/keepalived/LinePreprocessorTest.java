package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** keepalived.conf(5), "ADVANCED CONFIGURATION": conditionals, parameters, ~SEQ and ~LST. */
class LinePreprocessorTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<String> lines(String configId, String text) {
        ParameterTable parameters = new ParameterTable(configId, new SplittableRandom(7));
        LinePreprocessor preprocessor = new LinePreprocessor(configId, parameters, diagnostics);
        FileLines file = new FileLines("p.conf", Path.of("/etc/keepalived"), text);
        List<String> out = new ArrayList<>();
        while (file.hasNext()) {
            preprocessor.next(file).stream().map(l -> l.text().strip()).filter(l -> !l.isEmpty()).forEach(out::add);
        }
        return out;
    }

    @Test
    void conditionalLinesFollowTheConfigId() {
        String text = "@main router_id main_router\n@backup router_id backup_router\n@^main priority 200\n@^backup priority 100\n";
        assertThat(lines("main", text)).containsExactly("router_id main_router", "priority 100");
        assertThat(lines("backup", text)).containsExactly("router_id backup_router", "priority 200");
        assertThat(lines("other", text)).containsExactly("priority 200", "priority 100");
    }

    @Test
    void conditionKeepsColumns() {
        ParameterTable parameters = new ParameterTable("main", new SplittableRandom(1));
        LinePreprocessor preprocessor = new LinePreprocessor("main", parameters, diagnostics);
        SourceLine line = preprocessor.next(new FileLines("p.conf", Path.of(""), "@main priority 1")).getFirst();
        assertThat(line.text().indexOf("priority")).isEqualTo("@main ".length());
    }

    @Test
    void parametersAreSubstitutedWithAndWithoutBraces() {
        assertThat(lines("main", "$PRIORITY=240\npriority $PRIORITY\n$BASE=10.2.${SUB}\n$SUB=0\n${BASE}.100/32\n$SUB=10\n${BASE}.100/32"))
                .containsExactly("priority 240", "10.2.0.100/32", "10.2.10.100/32");
    }

    @Test
    void undefinedParametersAreLeftAlone() {
        assertThat(lines("main", "script \"/bin/x $HOME ${UNDEF}\"")).containsExactly("script \"/bin/x $HOME ${UNDEF}\"");
    }

    @Test
    void multiLineDefinitionsExpandToSeveralLines() {
        String text = "$VI= \\\nvrrp_instance VI_${NUM} { \\\n  virtual_router_id ${NUM} \\\n}\n$NUM=7\n$VI\n";
        assertThat(lines("main", text)).containsExactly("vrrp_instance VI_7 {", "virtual_router_id 7", "}");
    }

    @Test
    void predefinedParameters() {
        assertThat(lines("lb1", "x ${_PWD} ${_INSTANCE} a${_HASH}b${_BANG}c")).containsExactly("x /etc/keepalived lb1 a#b!c");
        String random = lines("main", "x ${_RANDOM 5 9}").getFirst();
        assertThat(Integer.parseInt(random.substring(2))).isBetween(5, 9);
    }

    @Test
    void sequencesRepeatTheRestOfTheLine() {
        assertThat(lines("main", "~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1"))
                .containsExactly("ip_address 10.0.0.1", "ip_address 10.0.1.1", "ip_address 10.0.2.1", "ip_address 10.0.3.1");
        assertThat(lines("main", "~SEQx(S, 0x90, 0x10, 0xc0) fe80::20:${S}:1"))
                .containsExactly("fe80::20:90:1", "fe80::20:a0:1", "fe80::20:b0:1", "fe80::20:c0:1");
        assertThat(lines("main", "~SEQ(N, 3) n${N}")).containsExactly("n1", "n2", "n3");
        assertThat(lines("main", "~SEQ(N, 3, 1) n${N}")).containsExactly("n3", "n2", "n1");
    }

    @Test
    void listsAndNestedBlocks() {
        assertThat(lines("main", "~LST({IP, IP1}, {10,1},{20,4}) 192.168.${IP}.${IP1}")).containsExactly("192.168.10.1", "192.168.20.4");
        assertThat(lines("main", "~LST(A, 1, 2) ~LST(B, x, y) ${A}${B}")).containsExactly("1x", "1y", "2x", "2y");
    }

    @Test
    void badSequencesAndRunawayParametersAreErrors() {
        assertThat(lines("main", "~SEQ(N, a, b) x")).isEmpty();
        assertThat(lines("main", "~SEQ(N, 0, 1, 1000000000) x")).isEmpty();
        assertThat(lines("main", "$A=$A x\nvalue ${A}")).hasSize(1);
        assertThat(diagnostics.sorted(List.of("p.conf"))).extracting(d -> d.format()).containsExactly(
                "p.conf:1:1: error: invalid ~SEQ specification 'N, a, b' (expected: ~SEQ(var, [start,] [step,] end) with integers, at most 100000 values)",
                "p.conf:1:1: error: invalid ~SEQ specification 'N, 0, 1, 1000000000' (expected: ~SEQ(var, [start,] [step,] end) with integers, at most 100000 values)",
                "p.conf:2:7: error: parameter substitution does not end in 'value ${A}' (expected: parameters that do not refer to themselves (at most 32 levels))");
    }

    @Test
    @Timeout(10)
    void aLongListLineCostsItsLengthOnceNotPerRepetition() {
        // Found by adversarial testing: padding the rest of the line made this quadratic (minutes).
        assertThat(Configs.parse("~LST(a" + ",x".repeat(100_000) + ") vrrp_script s${a} {\n").config()).isNotNull();
    }

    @Test
    void byteOrderMarkAndCrLfAreIgnored() {
        assertThat(Configs.clean("\uFEFFglobal_defs {\r\n router_id LB\r\n}\r\n").globalDefs().routerId()).contains("LB");
    }

    @Test
    void conditionalsWorkThroughTheParser() {
        String text = "global_defs {\n @main router_id main_router\n @backup router_id backup_router\n}\n";
        assertThat(Configs.clean(text).globalDefs().routerId()).contains("main_router");
        assertThat(KeepalivedParser.parse("t.conf", text, Configs.OPTIONS.withConfigId("backup")).config().globalDefs().routerId())
                .contains("backup_router");
    }
}
