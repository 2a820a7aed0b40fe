package org.bascule.health;

/**
 * Runs one check of one target and reports what it saw. Blocking by design: the
 * {@link HealthMonitor} calls it on a virtual thread, and it must return within the check's
 * own timeout ({@code connect_timeout} for TCP_CHECK). It never throws for a failed probe;
 * failure is a {@link CheckResult}.
 */
@FunctionalInterface
public interface Checker {

    CheckResult check();

    /** The checker for a spec: one case per kind of check. */
    static Checker forSpec(CheckSpec spec) {
        return switch (spec) {
            case TcpCheckSpec tcp -> new TcpChecker(tcp);
            case HttpCheckSpec http -> new HttpChecker(http);
            case MiscCheckSpec misc -> new MiscChecker(misc);
            case AgentCheckSpec agent -> new AgentChecker(agent);
            case PingCheckSpec ping -> new PingChecker(ping);
        };
    }
}
