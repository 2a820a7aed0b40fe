package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent check against a real agent: socat listening on 127.0.0.1 and answering each
 * connection with the contents of a file the test rewrites, the way a shell agent behind
 * xinetd answers HAProxy.
 */
class AgentCheckerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final CheckTiming TIMING = new CheckTiming(Duration.ofSeconds(2), 0, Duration.ZERO, false)
            .withRiseFall(RiseFall.HAPROXY_DEFAULTS);

    @TempDir
    Path dir;

    private Process socat;
    private Path reply;
    private InetSocketAddress agent;

    @BeforeEach
    void startAgent() throws Exception {
        Path bin = Path.of("/usr/bin/socat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bin), "socat is not installed (apt-get install socat)");
        reply = dir.resolve("reply");
        Files.writeString(reply, "up\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        agent = new InetSocketAddress(LOOPBACK, port);
        socat = new ProcessBuilder(bin.toString(), "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "SYSTEM:cat " + reply).redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(agent, 200);
                return true;
            }
        });
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            socat.waitFor();
        }
    }

    @Test
    void eachHealthWord() throws IOException {
        assertThat(say("up\n")).extracting(CheckResult::status, CheckResult::detail)
                .containsExactly(CheckStatus.L7OKD, "via agent : up");
        assertThat(say("down # disk full\n")).extracting(CheckResult::status, CheckResult::detail)
                .containsExactly(CheckStatus.L7STS, "via agent : down (disk full)");
        assertThat(say("stopped\r\n").status()).isEqualTo(CheckStatus.L7STS);
        assertThat(say("fail\n").status()).isEqualTo(CheckStatus.L7STS);
    }

    @Test
    void adminWordsAndWeightsChangeNothingButThemselves() throws IOException {
        CheckResult drain = say("drain\n");
        assertThat(drain.status()).isEqualTo(CheckStatus.CHECKED);
        assertThat(drain.feedback()).isEqualTo(new Feedback(Optional.empty(), Optional.of(AdminState.DRAIN)));
        assertThat(say("maint\n").feedback().admin()).contains(AdminState.MAINT);
        assertThat(say("ready\n").feedback().admin()).contains(AdminState.READY);
        CheckResult half = say("50%\n");
        assertThat(half.feedback().weight()).contains(new WeightChange.Percent(50));
        assertThat(half.detail()).isEqualTo("via agent : weight 50%");
    }

    @Test
    void severalWordsAtOnce() throws IOException {
        CheckResult r = say("up 25% drain # warming caches\n");
        assertThat(r.status()).isEqualTo(CheckStatus.L7OKD);
        assertThat(r.detail()).isEqualTo("via agent : up (warming caches)");
        assertThat(r.feedback()).isEqualTo(new Feedback(Optional.of(new WeightChange.Percent(25)), Optional.of(AdminState.DRAIN)));
        assertThat(say("bogus\n").detail()).isEqualTo("agent reports an error : bogus");
    }

    @Test
    void anIncompleteLineOrAnUnreachableAgentChangesNothing() throws Exception {
        CheckResult cut = say("up");
        assertThat(cut.status()).isEqualTo(CheckStatus.CHECKED);
        assertThat(cut.detail()).isEqualTo("Ignoring incomplete line from agent");
        stopAgent();
        socat = null;
        CheckResult gone = check(new AgentCheckSpec(agent, Optional.empty(), Duration.ofSeconds(1), Optional.empty(), TIMING));
        assertThat(gone.status()).isEqualTo(CheckStatus.CHECKED);
        assertThat(gone.detail()).startsWith("agent unreachable: Connection refused");
    }

    @Test
    void anAgentThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 5, LOOPBACK)) {
            CheckResult r = check(new AgentCheckSpec(new InetSocketAddress(LOOPBACK, mute.getLocalPort()), Optional.empty(),
                    Duration.ofMillis(300), Optional.empty(), TIMING));
            assertThat(r.status()).isEqualTo(CheckStatus.L7TOUT);
        }
    }

    @Test
    void agentSendIsSentFirst() throws Exception {
        stopAgent();
        // an agent that answers "up" only when asked "hello\n"
        Path script = dir.resolve("agent.sh");
        Files.writeString(script, "read line; if [ \"$line\" = hello ]; then echo up; else echo down; fi\n");
        socat = new ProcessBuilder("/usr/bin/socat", "TCP-LISTEN:" + agent.getPort() + ",bind=127.0.0.1,reuseaddr,fork",
                "SYSTEM:sh " + script).redirectErrorStream(true).redirectOutput(dir.resolve("socat2.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(agent, 200);
                return true;
            }
        });
        assertThat(check(new AgentCheckSpec(agent, Optional.empty(), Duration.ofSeconds(2), Optional.of("hello\n"), TIMING))
                .status()).isEqualTo(CheckStatus.L7OKD);
    }

    private CheckResult say(String line) throws IOException {
        Files.writeString(reply, line);
        return check(new AgentCheckSpec(agent, Optional.empty(), Duration.ofSeconds(2), Optional.empty(), TIMING));
    }

    private static CheckResult check(AgentCheckSpec spec) {
        return Checker.forSpec(spec).check();
    }
}
