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
                .containsPattern("Chapter 1 \\(L4\\): \\d+ requests, \\d+ answered, 0 failed")
                .contains("Prot LocalAddress:Port")
                // chapter 2: the L7 tier, from haproxy.cfg text
                .contains("frontend www")
                .containsPattern("web1 via l7a \\d+, web1 via l7b \\d+, web2 via l7a \\d+, web2 via l7b \\d+")
                .containsPattern("web2 is DRAIN on l7a and DRAIN on l7b with [1-9]\\d* request\\(s\\) in flight")
                .containsPattern("The 6 long requests: 6 answered \\(.*web2 via .*\\), 0 failed")
                .containsPattern("New requests while draining: \\d+ sent, \\d+ answered \\(web1 via l7a \\d+, web1 via l7b \\d+\\), 0 failed")
                .contains("`monitor-uri /health` on l7a answers 200")
                .contains("/health answers 503")
                .contains("Both READY again: /health answers 200")
                .contains("Done: 0 failed request(s) in all");
        if (VrrpChapter.unavailable().isEmpty()) {
            // chapter 3 ran: the backup took the VIP over and the client followed it
            assertThat(story)
                    .contains("lb1 is MASTER and holds 10.77.90.100; lb2 is BACKUP")
                    .containsPattern("lb2 took over the VIP in \\d+\\.\\d\\d s")
                    .containsPattern("The client reaches 10.77.90.100 at MAC \\S+ \\(lb2\\)")
                    .contains("(VI_DEMO) Entering MASTER STATE")
                    .contains("Namespaces removed")
                    .doesNotContain("Chapter 3, VRRP: skipped");
            assertThat(DemoNetwork.tryRun("ip", "netns", "list")).as("the demo removed its namespaces")
                    .doesNotContain("bdemo" + ProcessHandle.current().pid() % 100_000);
        } else {
            assertThat(story).containsPattern("Chapter 3, VRRP: skipped: .+");
        }
    }
}
