package org.bascule.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.bascule.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, run as a newcomer runs it: it must tell the whole story and lose nothing. */
class DemoCommandTest {

    @Test
    void theDemoBalancesFailsOverAndRecoversWithoutLosingARequest() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        int exit = cmd.execute("demo");
        String story = out.toString();
        System.out.println(story);
        assertThat(exit).as(story).isZero();
        assertThat(story)
                .contains("web1 20, web2 10")
                .contains("web2 is DOWN")
                .contains("web2 is UP")
                .containsPattern("Done: \\d+ requests, \\d+ answered, 0 failed")
                .contains("Prot LocalAddress:Port");
    }
}
