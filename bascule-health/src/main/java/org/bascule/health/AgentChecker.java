package org.bascule.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bascule.health.agent.AgentParse;
import org.bascule.health.agent.AgentReplies;
import org.bascule.health.agent.AgentReply;

/**
 * Runs an {@link AgentCheckSpec} with HAProxy's reading of the outcome:
 * <ul>
 *   <li>{@code up}: {@code L7OKD}, UP; {@code down}/{@code stopped}/{@code fail}: {@code L7STS}, DOWN;</li>
 *   <li>no health word: {@code CHECKED}, the health stays as it is, the weight and admin words apply;</li>
 *   <li>an agent that cannot be reached, or closes before ending its line: {@code CHECKED} too
 *       ("Failure to connect to the agent ... should not cause the server to be marked down",
 *       {@code set_server_check_status} in {@code src/check.c}; "Ignoring incomplete line from
 *       agent");</li>
 *   <li>an agent that accepts and never answers: {@code L7TOUT}, a failure.</li>
 * </ul>
 * The detail reads like HAProxy's: {@code via agent : down (disk full)}.
 */
public final class AgentChecker implements Checker {

    private final AgentCheckSpec spec;

    public AgentChecker(AgentCheckSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public CheckResult check() {
        long started = System.nanoTime();
        int timeout = (int) Math.clamp(spec.timeout().toMillis(), 1, Integer.MAX_VALUE);
        try (Socket s = new Socket()) {
            try {
                if (spec.bindTo().isPresent()) {
                    s.bind(spec.bindTo().get());
                }
                s.connect(spec.agent(), timeout);
            } catch (IOException e) {
                return result(CheckStatus.CHECKED, "agent unreachable: " + e.getMessage(), started, Feedback.NONE);
            }
            s.setSoTimeout(timeout);
            if (spec.send().isPresent()) {
                s.getOutputStream().write(spec.send().get().getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
            return read(s.getInputStream(), started, timeout);
        } catch (SocketTimeoutException e) {
            return result(CheckStatus.L7TOUT, "agent sent no line within " + timeout + "ms", started, Feedback.NONE);
        } catch (IOException e) {
            return result(CheckStatus.CHECKED, "agent connection: " + e.getMessage(), started, Feedback.NONE);
        }
    }

    private CheckResult read(InputStream in, long started, int timeout) throws IOException {
        byte[] buf = new byte[AgentReplies.MAX_LINE + 1];
        int len = 0;
        long deadline = started + spec.timeout().toNanos();
        while (len < buf.length) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                return result(CheckStatus.CHECKED, "Ignoring incomplete line from agent", started, Feedback.NONE);
            }
            len += n;
            switch (AgentReplies.parse(buf, len)) {
                case AgentParse.Incomplete i -> {
                    if (System.nanoTime() - deadline > 0) {
                        return result(CheckStatus.L7TOUT, "agent line not complete within " + timeout + "ms", started,
                                Feedback.NONE);
                    }
                }
                case AgentParse.Malformed(String reason) -> {
                    return result(CheckStatus.CHECKED, "Ignoring agent reply: " + reason, started, Feedback.NONE);
                }
                case AgentParse.Parsed(AgentReply reply) -> {
                    return interpret(reply, started);
                }
            }
        }
        return result(CheckStatus.CHECKED, "Ignoring agent reply: no end of line within " + AgentReplies.MAX_LINE + " bytes",
                started, Feedback.NONE);
    }

    private static CheckResult interpret(AgentReply reply, long started) {
        Feedback feedback = new Feedback(reply.weight().map(w -> (WeightChange) w), reply.admin());
        if (reply.health().isPresent()) {
            boolean up = reply.health().get() == org.bascule.health.agent.AgentHealth.UP;
            // HAProxy: a down report keeps its own description; up, or none, leaves room for the error, then the warning
            String msg = reply.description();
            if (msg.isEmpty() || up) {
                msg = reply.error().or(reply::warning).orElse(msg);
            }
            String detail = "via agent : " + reply.health().get().word() + (msg.isEmpty() ? "" : " (" + msg + ")");
            return result(up ? CheckStatus.L7OKD : CheckStatus.L7STS, detail, started, feedback);
        }
        Optional<String> odd = reply.error().map(e -> "agent reports an error : " + e)
                .or(() -> reply.warning().map(w -> "agent warns : " + w));
        return result(CheckStatus.CHECKED, odd.orElse(feedback.isEmpty() ? "" : "via agent : " + feedback), started, feedback);
    }

    private static CheckResult result(CheckStatus status, String detail, long started, Feedback feedback) {
        return new CheckResult(status, detail, Duration.ofNanos(System.nanoTime() - started), feedback);
    }
}
