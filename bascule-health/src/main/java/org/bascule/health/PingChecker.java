package org.bascule.health;

import java.time.Duration;
import java.util.Objects;
import org.bascule.os.EchoResult;
import org.bascule.os.IcmpEcho;
import org.bascule.os.OsException;

/**
 * Runs a {@code PING_CHECK}: one echo request per check, as keepalived's {@code check_ping.c}
 * does (retries come from {@code retry}/{@code delay_before_retry}, not from extra requests).
 * An echo reply is {@code L4OK}; no answer within {@code connect_timeout} is {@code L4TOUT};
 * an ICMP unreachable about the request, or no route to send it, is {@code L4CON}; failing to
 * open the raw socket (no CAP_NET_RAW, an unknown {@code bind_if}) is {@code SOCKERR}.
 */
public final class PingChecker implements Checker {

    private final PingCheckSpec spec;

    public PingChecker(PingCheckSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public CheckResult check() {
        long started = System.nanoTime();
        try {
            EchoResult result = IcmpEcho.ping(spec.connectIp(), spec.connectTimeout(), spec.bindInterface(), spec.bindTo());
            return switch (result) {
                case EchoResult.Reply r -> result(CheckStatus.L4OK, "echo reply in " + r.roundTrip().toMillis() + "ms", started);
                case EchoResult.Timeout t ->
                        result(CheckStatus.L4TOUT, "no echo reply within " + t.waited().toMillis() + "ms", started);
                case EchoResult.Unreachable u -> result(CheckStatus.L4CON,
                        u.reason() + u.reportedBy().map(by -> " (reported by " + by.getHostAddress() + ")").orElse(""), started);
            };
        } catch (OsException e) {
            return result(CheckStatus.SOCKERR, e.getMessage(), started);
        }
    }

    private static CheckResult result(CheckStatus status, String detail, long startedNanos) {
        return new CheckResult(status, detail, Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
