package org.bascule.health.agent;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.health.AdminState;
import org.bascule.health.WeightChange;

/**
 * One line from a HAProxy agent ({@code agent-check}), as {@code tcpcheck_agent_expect_reply}
 * in HAProxy 2.x's {@code src/tcpcheck.c} reads it: words in any order, the last of each kind
 * winning, and an optional description after {@code #}.
 *
 * @param health      {@code up}, {@code down}, {@code stopped}, {@code fail}; empty: no change
 * @param admin       {@code ready}, {@code drain}, {@code maint}; empty: no change
 * @param weight      {@code N%}: that share of the configured weight (capped at 25600%)
 * @param maxconn     {@code maxconn:N}
 * @param description the text after {@code #}, possibly empty
 * @param error       the first word that meant nothing, reported as HAProxy's
 *                    "agent reports an error"
 * @param warning     why a weight or maxconn word was not applied (HAProxy's own messages)
 */
public record AgentReply(
        Optional<AgentHealth> health,
        Optional<AdminState> admin,
        Optional<WeightChange.Percent> weight,
        OptionalInt maxconn,
        String description,
        Optional<String> error,
        Optional<String> warning) {

    public AgentReply {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(maxconn, "maxconn");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(warning, "warning");
    }
}
