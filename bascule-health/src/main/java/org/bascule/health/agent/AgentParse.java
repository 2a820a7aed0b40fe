package org.bascule.health.agent;

import java.util.Objects;

/** The outcome of reading an agent's bytes so far. */
public sealed interface AgentParse {

    /** No end of line yet: read more, or (at end of stream) ignore, as HAProxy does. */
    record Incomplete() implements AgentParse {}

    /** A line, and where it ended (the reply is what comes before). */
    record Parsed(AgentReply reply) implements AgentParse {
        public Parsed {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Bytes that cannot be a reply line: why. */
    record Malformed(String reason) implements AgentParse {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
