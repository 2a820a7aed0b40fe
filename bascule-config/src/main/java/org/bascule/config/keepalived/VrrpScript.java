package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code vrrp_script NAME { … }}: a command run periodically whose exit status VRRP instances
 * track (keepalived.conf(5), "VRRP script(s)").
 *
 * @param script        {@code script}: the command line, quotes removed
 * @param interval      {@code interval}, default 1 s
 * @param timeout       {@code timeout}; keepalived uses the interval when unset
 *                      (vrrp_scheduler.c), so the interval is filled in here
 * @param weight        {@code weight}, -253..253, default 0 (0: failure means FAULT)
 * @param weightReverse {@code weight N reverse}
 * @param rise          {@code rise}, default 1
 * @param fall          {@code fall}, default 1
 * @param user          {@code user USER [GROUP]}; the global {@code script_user} otherwise
 * @param initFail      {@code init_fail}: start in the failed state
 */
public record VrrpScript(
        SourcePos pos,
        String name,
        String script,
        Duration interval,
        Duration timeout,
        int weight,
        boolean weightReverse,
        int rise,
        int fall,
        Optional<ScriptUser> user,
        boolean initFail) {

    public VrrpScript {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(user, "user");
    }
}
