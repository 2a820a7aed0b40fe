package org.bascule.l7.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code agent-check agent-port <p> [agent-inter <t>] [agent-send <s>] [agent-addr <a>]}: a TCP
 * agent on the server answers one line ({@code up}, {@code down}, {@code maint}, {@code ready},
 * {@code drain}, {@code 75%} …) that moves the server's state or weight (R-H2).
 */
public record AgentCheckSpec(int port, Duration inter, Optional<String> send, Optional<java.net.InetAddress> address) {
    public AgentCheckSpec {
        Require.range(port, 1, 65535, "agent-port");
        Require.positive(inter, "agent-inter");
        Require.nonNull(send, "agent-send");
        Require.nonNull(address, "agent-addr");
    }
}
