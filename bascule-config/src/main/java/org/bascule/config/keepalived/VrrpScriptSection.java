package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/** The {@code vrrp_script NAME { … }} block (keepalived.conf(5), "VRRP script(s)"; vrrp_parser.c). */
final class VrrpScriptSection {

    private VrrpScriptSection() {
    }

    /** keepalived reads interval and timeout as timers up to UINT_MAX microseconds. */
    private static final Duration MAX_TIMER = Duration.ofSeconds(0xFFFF_FFFFL / 1_000_000L);

    static final class Builder {
        final SourcePos pos;
        final String name;
        Optional<String> script = Optional.empty();
        // VRRP_SCRIPT_DI: 1 second.
        Duration interval = Duration.ofSeconds(1);
        Optional<Duration> timeout = Optional.empty();
        int weight;
        boolean weightReverse;
        int rise = 1;
        int fall = 1;
        Optional<ScriptUser> user = Optional.empty();
        boolean initFail;

        Builder(SourcePos pos, String name) {
            this.pos = pos;
            this.name = name;
        }

        /** Empty (reported) without a script, as keepalived drops it ("No script set"). */
        Optional<VrrpScript> build(ParseContext ctx) {
            if (script.isEmpty()) {
                ctx.diagnostics().error(pos, "no script in vrrp_script", name, "a 'script PATH [ARGS]' line in the block");
                return Optional.empty();
            }
            // vrrp_scheduler.c: a zero timeout means the interval.
            return Optional.of(new VrrpScript(pos, name, script.get(), interval, timeout.orElse(interval), weight, weightReverse,
                    rise, fall, user, initFail));
        }
    }

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("vrrp_script", List.of(
            Keyword.line("script", 1, Keyword.MANY, "script PATH [ARGS…]|\"PATH ARGS\"", "the command to run",
                    (ctx, b, s) -> b.script = Optional.of(s.joinArgs(0))),
            Keyword.line("interval", 1, 1, "interval SECONDS", "seconds between runs (default 1)",
                    (ctx, b, s) -> Values.timer(ctx, s.arg(0), "interval", Duration.ofSeconds(1), MAX_TIMER).ifPresent(v -> b.interval = v)),
            Keyword.line("timeout", 1, 1, "timeout SECONDS", "seconds after which the run has failed (default: interval)",
                    (ctx, b, s) -> Values.timer(ctx, s.arg(0), "timeout", Duration.ofSeconds(1), MAX_TIMER).ifPresent(v -> b.timeout = Optional.of(v))),
            Keyword.line("weight", 1, 2, "weight <-253..253> [reverse]", "priority adjustment (default 0: failure means FAULT)",
                    VrrpScriptSection::weight),
            Keyword.line("rise", 1, 1, "rise COUNT", "successes needed to be OK (default 1)",
                    (ctx, b, s) -> Values.integer(ctx, s.arg(0), "rise", 1, Integer.MAX_VALUE).ifPresent(v -> b.rise = (int) v)),
            Keyword.line("fall", 1, 1, "fall COUNT", "failures needed to be KO (default 1)",
                    (ctx, b, s) -> Values.integer(ctx, s.arg(0), "fall", 1, Integer.MAX_VALUE).ifPresent(v -> b.fall = (int) v)),
            Keyword.line("user", 1, 2, "user USER [GROUP]", "who runs the script (default: script_user)",
                    (ctx, b, s) -> b.user = Scripts.user(s, 0)),
            Keyword.flag("init_fail", "start in the failed state", (ctx, b, s) -> b.initFail = true)));

    private static void weight(ParseContext ctx, Builder b, Stanza s) {
        OptionalLong weight = Values.integer(ctx, s.arg(0), "weight", -253, 253);
        if (weight.isEmpty()) {
            return;
        }
        if (s.args().size() == 2 && !s.arg(1).text().equals("reverse")) {
            ctx.error(s.arg(1), "unexpected word after weight", "weight <-253..253> [reverse]");
            return;
        }
        b.weight = (int) weight.getAsLong();
        b.weightReverse = s.args().size() == 2;
    }
}
