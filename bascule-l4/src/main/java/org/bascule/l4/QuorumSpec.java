package org.bascule.l4;

import java.util.Objects;
import java.util.Optional;
import org.bascule.health.Script;

/**
 * A virtual server's pool-regression settings (keepalived {@code quorum}, {@code hysteresis},
 * {@code quorum_up}, {@code quorum_down}): the total weight of live real servers the service
 * needs to be "up", the margin that keeps the scripts from firing on every small change, and
 * which reading of the margin applies ({@link Quorum.Rule}).
 */
public record QuorumSpec(long quorum, long hysteresis, Optional<Script> up, Optional<Script> down, Quorum.Rule rule) {

    /** keepalived's defaults: quorum 1, hysteresis 0, no scripts. */
    public static final QuorumSpec DEFAULT = new QuorumSpec(1, 0, Optional.empty(), Optional.empty(), Quorum.Rule.SOURCE_DOCUMENT);

    public QuorumSpec {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(rule, "rule");
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum: " + quorum + " (expected: >= 1)");
        }
        if (hysteresis < 0 || hysteresis >= quorum) {
            throw new IllegalArgumentException("hysteresis: " + hysteresis + " (expected: 0 to quorum - 1 = " + (quorum - 1) + ")");
        }
    }
}
