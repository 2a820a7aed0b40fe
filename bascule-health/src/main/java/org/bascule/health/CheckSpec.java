package org.bascule.health;

/**
 * One checker block of a {@code real_server}. Sealed: each kind has its own record and its own
 * {@link Checker}, and {@link Checker#forSpec} switches over all of them, so adding a kind (ping, DNS) is a new
 * record plus a new case.
 */
public sealed interface CheckSpec permits TcpCheckSpec, HttpCheckSpec, MiscCheckSpec, AgentCheckSpec, PingCheckSpec {

    /** {@code delay_loop}, {@code retry}, {@code delay_before_retry}, {@code alpha}. */
    CheckTiming timing();

    /** keepalived's name for the kind plus what it probes, for logs: {@code TCP_CHECK 10.0.0.1:80}. */
    String label();
}
