package org.bascule.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bascule.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bascule check -f haproxy.cfg}: the file kind from its name or grammar, keepalived's exit codes and --strict. */
class HaproxyCheckCommandTest {

    record Outcome(int exit, String out, String err) {}

    static Outcome bascule(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void theSeedPassesWithItsWarningsAndASummary() {
        Path seed = HaproxyMappingTest.RESOURCES.resolve("seed2.cfg");
        Outcome o = bascule("check", "-f", seed.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("frontend l7lb: mode tcp", "  bind :80 v4v6", "  default_backend servers",
                "  server web1 [2001:db8:1:0:2::1]:80: weight 1, check every 2s rise 2 fall 3, agent port 5555 every 2s, send-proxy v1");
        assertThat(o.err()).contains(seed + ":10:1: warning: monitor-uri ignored").contains("configuration OK (");
        Outcome strict = bascule("check", "--strict", "-f", seed.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains("--strict: configuration rejected");
    }

    @Test
    void errorsAreListedWithFileLineColumnAndExit1() {
        Path bad = HaproxyMappingTest.RESOURCES.resolve("reference/invalid/unknown-keyword.cfg");
        Outcome o = bascule("check", "-f", bad.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains(bad + ":9:5: error: unknown keyword in 'frontend' section 'balanse' (did you mean 'balance'?)")
                .contains("configuration rejected");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void theKindIsKnownFromTheGrammarWhateverTheName(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("l7.conf"), """
                frontend www
                    bind 127.0.0.1:8080
                    mode http
                    timeout client 5s
                    default_backend web
                backend web
                    mode http
                    timeout connect 1s
                    timeout server 5s
                    server w1 127.0.0.1:9001 check
                """);
        Outcome o = bascule("check", "-f", conf.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("frontend www: mode http").contains("server w1 127.0.0.1:9001");
        assertThat(o.err()).contains("configuration OK (0 warning(s))");
    }

    @Test
    void whatTheL7TierCannotServeIsAnErrorOfCheckToo(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("haproxy.cfg"), """
                frontend www
                    bind /run/bascule-test.sock
                    default_backend web
                backend web
                    server w1 127.0.0.1:9001
                """);
        Outcome o = bascule("check", "-f", conf.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains(conf + ":2:5: error: UNIX socket bind not supported by the L7 tier");
    }
}
