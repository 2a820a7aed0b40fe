package org.bascule.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * HAProxy's agent check ({@code server ... agent-check agent-addr A agent-port P agent-inter T
 * agent-send S}): connect to the agent, optionally send a string, read one line, and apply
 * its words ({@link org.bascule.health.agent.AgentReplies}).
 *
 * @param agent   {@code agent-addr}:{@code agent-port}
 * @param bindTo  the source address, if chosen
 * @param timeout for the connection and for the reply ({@code timeout check})
 * @param send    {@code agent-send}: sent first, as is
 * @param timing  {@code agent-inter} as {@code delay_loop}; agents are usually read with
 *                HAProxy's rise/fall
 */
public record AgentCheckSpec(InetSocketAddress agent, Optional<InetSocketAddress> bindTo, Duration timeout,
        Optional<String> send, CheckTiming timing) implements CheckSpec {

    public AgentCheckSpec {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(timing, "timing");
        if (agent.isUnresolved()) {
            throw new IllegalArgumentException("agent-addr: " + agent.getHostString() + " (expected: an IP address)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }

    @Override
    public String label() {
        return "AGENT_CHECK " + agent.getAddress().getHostAddress() + ":" + agent.getPort();
    }
}
