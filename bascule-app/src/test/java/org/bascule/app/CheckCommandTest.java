package org.bascule.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    /** The source documents' configurations, kept with the parser's tests. */
    static final Path SEEDS = Path.of("..", "bascule-config", "src", "test", "resources", "keepalived");

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
    void theTutorialAsPrintedIsRejectedForItsExtraBrace() {
        Path seed = SEEDS.resolve("seed1.conf");
        Outcome o = bascule("check", "-f", seed.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains(seed + ":").contains("unexpected '}'").contains("configuration rejected");
    }

    @Test
    void theSourceDocumentsConfigurationsPass() {
        for (String name : new String[] {"seed1-fixed.conf", "seed1-backup.conf", "seed2.conf"}) {
            Outcome o = bascule("check", "-f", SEEDS.resolve(name).toString());
            assertThat(o.exit()).as(name + ":\n" + o.err()).isZero();
            assertThat(o.err()).contains("configuration OK");
        }
    }

    @Test
    void aValidFilePrintsItsSummaryAndExitsZero(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                virtual_server 127.0.0.1 8080 {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 9001 {
                        weight 2
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """);
        Outcome o = bascule("check", "-f", conf.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("127.0.0.1").contains("9001");
        assertThat(o.err()).contains("configuration OK (0 warning(s))");
    }

    @Test
    void errorsAreAllListedWithFileLineAndTheExitIsOne(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, """
                virtual_server 127.0.0.1 8080 {
                    lb_algo rr
                    real_server 127.0.0.1 9001 {
                        weight heavy
                    }
                    real_server 127.0.0.1 70000 {
                    }
                }
                """);
        Outcome o = bascule("check", "-f", conf.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains(conf + ":4:").contains("'heavy'").contains(conf + ":6:").contains("'70000'")
                .contains("configuration rejected");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void strictTurnsWarningsIntoRejection(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("warn.conf");
        Files.writeString(conf, """
                virtual_server 127.0.0.1 8080 {
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 127.0.0.1 8080 {
                    }
                }
                """);
        assertThat(bascule("check", "-f", conf.toString()).exit()).isZero();
        Outcome strict = bascule("check", "--strict", "-f", conf.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains("falls back to NAT").contains("--strict: configuration rejected");
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        Outcome o = bascule("check", "-f", "/nonexistent/keepalived.conf");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("bascule check: /nonexistent/keepalived.conf: no such configuration file");
    }
}
