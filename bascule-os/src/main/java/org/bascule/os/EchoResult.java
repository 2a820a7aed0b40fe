package org.bascule.os;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one ICMP echo request ({@link IcmpEcho#ping}) came to. */
public sealed interface EchoResult {

    /** An echo reply came back from the target. */
    record Reply(InetAddress from, Duration roundTrip, int ttl) implements EchoResult {
        public Reply {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(roundTrip, "roundTrip");
        }
    }

    /**
     * The network said the target cannot be reached: an ICMP destination-unreachable or
     * time-exceeded about this very request (from a router, or from this host when ARP or
     * neighbour discovery failed), or the kernel refused to send it (no route).
     */
    record Unreachable(Optional<InetAddress> reportedBy, String reason) implements EchoResult {
        public Unreachable {
            Objects.requireNonNull(reportedBy, "reportedBy");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing came back within the timeout. */
    record Timeout(Duration waited) implements EchoResult {
        public Timeout {
            Objects.requireNonNull(waited, "waited");
        }
    }
}
