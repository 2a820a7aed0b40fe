package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.bascule.config.SourcePos;

/**
 * The {@code real_server IP [PORT] { … }} block of a virtual_server (keepalived.conf(5);
 * check_parser.c, keepalived 2.2.7) and the checker blocks inside it.
 */
final class RealServerSection {

    private RealServerSection() {
    }

    static final class Builder {
        final SourcePos pos;
        final Optional<InetAddress> address;
        final OptionalInt port;
        OptionalLong weight = OptionalLong.empty();
        Optional<Forwarding> forwarding = Optional.empty();
        OptionalLong upperThreshold = OptionalLong.empty();
        OptionalLong lowerThreshold = OptionalLong.empty();
        Optional<Boolean> inhibit = Optional.empty();
        Optional<NotifyScript> notifyUp = Optional.empty();
        Optional<NotifyScript> notifyDown = Optional.empty();
        Optional<Boolean> alpha = Optional.empty();
        OptionalInt retry = OptionalInt.empty();
        Optional<Duration> delayBeforeRetry = Optional.empty();
        Optional<Duration> warmup = Optional.empty();
        Optional<Duration> connectTimeout = Optional.empty();
        Optional<Duration> delayLoop = Optional.empty();
        Optional<Boolean> smtpAlert = Optional.empty();
        Optional<String> virtualhost = Optional.empty();
        Optional<String> snmpName = Optional.empty();
        final List<CheckerBuilder> checkers = new ArrayList<>();

        Builder(SourcePos pos, Optional<InetAddress> address, OptionalInt port) {
            this.pos = pos;
            this.address = address;
            this.port = port;
        }
    }

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("real_server", Stream.concat(Stream.of(
            Keyword.<Builder>line("weight", 1, 1, "weight <0-2147483647>", "relative weight (default: the virtual server's, 1)",
                    (ctx, r, s) -> Values.integer(ctx, s.arg(0), "weight", 0, Integer.MAX_VALUE).ifPresent(w -> r.weight = OptionalLong.of(w))),
            Keyword.<Builder>line("lvs_method", 1, 6, "lvs_method " + ForwardingParser.USAGE, "forwarding (default: the virtual server's)",
                    (ctx, r, s) -> ForwardingParser.parse(ctx, s).ifPresent(f -> r.forwarding = Optional.of(f))),
            Keyword.<Builder>line("lb_kind", 1, 6, "lb_kind " + ForwardingParser.USAGE, "synonym of lvs_method", (ctx, r, s) -> {
                // keepalived 2.2.7 only knows lvs_method here and ignores lb_kind ("Unknown keyword").
                ctx.warning(s.keyword(), "keyword keepalived 2.2 ignores in real_server",
                        "lvs_method (Bascule applies lb_kind here; keepalived would use the virtual server's method)");
                ForwardingParser.parse(ctx, s).ifPresent(f -> r.forwarding = Optional.of(f));
            }),
            Keyword.<Builder>line("uthreshold", 1, 1, "uthreshold CONNECTIONS", "maximum connections",
                    (ctx, r, s) -> r.upperThreshold = Values.integer(ctx, s.arg(0), "uthreshold", 0, 0xFFFF_FFFFL)),
            Keyword.<Builder>line("lthreshold", 1, 1, "lthreshold CONNECTIONS", "minimum connections",
                    (ctx, r, s) -> r.lowerThreshold = Values.integer(ctx, s.arg(0), "lthreshold", 0, 0xFFFF_FFFFL)),
            Keyword.<Builder>bool("inhibit_on_failure", "set weight 0 instead of removing on failure",
                    (ctx, r, s) -> r.inhibit = Values.flag(ctx, s).or(() -> r.inhibit)),
            Keyword.<Builder>line("notify_up", 1, 3, Scripts.usage("notify_up"), "run when the server comes up", (ctx, r, s) -> {
                if (Scripts.once(ctx, s, r.notifyUp)) {
                    r.notifyUp = Optional.of(Scripts.notify(s));
                }
            }),
            Keyword.<Builder>line("notify_down", 1, 3, Scripts.usage("notify_down"), "run when the server goes down", (ctx, r, s) -> {
                if (Scripts.once(ctx, s, r.notifyDown)) {
                    r.notifyDown = Optional.of(Scripts.notify(s));
                }
            }),
            Keyword.<Builder>bool("alpha", "start DOWN until a check succeeds", (ctx, r, s) -> r.alpha = Values.flag(ctx, s).or(() -> r.alpha)),
            Keyword.<Builder>line("retry", 1, 1, "retry COUNT", "checker retries (default: the virtual server's)",
                    (ctx, r, s) -> Values.integer(ctx, s.arg(0), "retry", 1, 0xFFFF_FFFFL).ifPresent(v -> r.retry = OptionalInt.of((int) Math.min(v, Integer.MAX_VALUE)))),
            Keyword.<Builder>line("delay_before_retry", 1, 1, "delay_before_retry SECONDS", "checker retry delay",
                    (ctx, r, s) -> Values.timer(ctx, s.arg(0), "delay_before_retry", Duration.ZERO, CheckerSections.MAX_DELAY)
                            .ifPresent(t -> r.delayBeforeRetry = Optional.of(t))),
            Keyword.<Builder>line("warmup", 1, 1, "warmup SECONDS", "random delay before the first check",
                    (ctx, r, s) -> Values.timer(ctx, s.arg(0), "warmup", Duration.ZERO, CheckerSections.MAX_DELAY).ifPresent(t -> r.warmup = Optional.of(t))),
            Keyword.<Builder>line("connect_timeout", 1, 1, "connect_timeout SECONDS", "checker connection timeout",
                    (ctx, r, s) -> Values.timer(ctx, s.arg(0), "connect_timeout", CheckerSections.ONE_MICRO, CheckerSections.MAX_TIMEOUT)
                            .ifPresent(t -> r.connectTimeout = Optional.of(t))),
            Keyword.<Builder>line("delay_loop", 1, 1, "delay_loop SECONDS", "checker interval",
                    (ctx, r, s) -> Values.timer(ctx, s.arg(0), "delay_loop", CheckerSections.ONE_MICRO, CheckerSections.MAX_DELAY)
                            .ifPresent(t -> r.delayLoop = Optional.of(t))),
            Keyword.<Builder>bool("smtp_alert", "send SMTP alerts on state changes (default on)",
                    (ctx, r, s) -> r.smtpAlert = Values.flag(ctx, s).or(() -> r.smtpAlert)),
            Keyword.<Builder>line("virtualhost", 1, 1, "virtualhost HOST", "Host header of HTTP_GET/SSL_GET",
                    (ctx, r, s) -> r.virtualhost = Optional.of(s.arg(0).text())),
            Keyword.<Builder>line("snmp_name", 1, 1, "snmp_name STRING", "name in SNMP data", (ctx, r, s) -> r.snmpName = Optional.of(s.arg(0).text()))),
            Arrays.stream(CheckerKind.values()).map(RealServerSection::checkerKeyword)).toList());

    private static Keyword<Builder> checkerKeyword(CheckerKind kind) {
        return Keyword.block(kind.keyword(), 0, 0, kind.keyword() + " { … }", "health checker", (ctx, r, s) -> {
            if (!kind.supported()) {
                ctx.warning(s.keyword(), "unsupported checker", "one Bascule runs: " + String.join(", ", CheckerKind.supportedKeywords())
                        + "; this one is kept in the model but not run");
            }
            CheckerBuilder checker = new CheckerBuilder(kind, s.pos());
            CheckerSections.tableOf(kind).applyAll(ctx, checker, s.children());
            r.checkers.add(checker);
        });
    }
}
