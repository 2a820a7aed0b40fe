package org.bascule.health;

import java.io.IOException;
import java.util.Objects;

/**
 * Runs a {@link MiscCheckSpec} the way {@code misc_check_child_thread} in keepalived's
 * {@code check_misc.c} reads the script's end: {@code PROCOK} for 0 (and 2..255 with
 * {@code misc_dynamic}, carrying the weight), {@code PROCERR} for any other status,
 * {@code PROCTOUT} when it had to be killed.
 */
public final class MiscChecker implements Checker {

    private final MiscCheckSpec spec;

    public MiscChecker(MiscCheckSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public CheckResult check() {
        ScriptRunner.Ending ending;
        try {
            ending = ScriptRunner.run(spec.script(), spec.user(), spec.timeout());
        } catch (IOException | RuntimeException e) {
            return new CheckResult(CheckStatus.PROCERR, "cannot run '" + spec.script() + "': " + e.getMessage(),
                    java.time.Duration.ZERO);
        }
        if (ending.timedOut()) {
            return new CheckResult(CheckStatus.PROCTOUT, "killed after misc_timeout " + spec.timeout().toMillis() + "ms",
                    ending.took());
        }
        int status = ending.exitStatus().getAsInt();
        if (status == 0) {
            // keepalived: with misc_dynamic, exit 0 puts the configured weight back
            Feedback feedback = spec.dynamic() ? Feedback.weight(new WeightChange.Percent(100)) : Feedback.NONE;
            return new CheckResult(CheckStatus.PROCOK, "exit 0", ending.took(), feedback);
        }
        if (spec.dynamic() && status >= 2 && status <= 255) {
            return new CheckResult(CheckStatus.PROCOK, "exit " + status, ending.took(),
                    Feedback.weight(new WeightChange.Absolute(status - 2)));
        }
        return new CheckResult(CheckStatus.PROCERR, "exit " + status, ending.took());
    }
}
