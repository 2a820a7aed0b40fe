package org.bascule.l7.spec;

/**
 * {@code balance <algorithm> [args]} of a backend, with HAProxy's semantics. Hash-based ones
 * use {@code hash-type} ({@link HashType}) and fall back to round robin when the key is missing.
 */
public sealed interface Balance {

    /** {@code balance roundrobin}: weighted, smooth, dynamic (weights changeable at run time). */
    record RoundRobin() implements Balance {}

    /** {@code balance static-rr}: weighted round robin over a table fixed at start; run-time weight changes only take effect for 0/non-0. */
    record StaticRoundRobin() implements Balance {}

    /** {@code balance leastconn}: fewest active connections relative to weight; ties by round robin. */
    record LeastConn() implements Balance {}

    /** {@code balance first}: the first server in declaration order (by {@code id}) with a free slot under its {@code maxconn}. */
    record First() implements Balance {}

    /** {@code balance source}: hash of the client address. */
    record Source() implements Balance {}

    /**
     * {@code balance uri [len <n>] [depth <n>] [whole]}: hash of the path (the query string
     * only with {@code whole}); {@code len} keeps that many characters, {@code depth} that many
     * directories. 0 means "no limit".
     */
    record Uri(int len, int depth, boolean whole) implements Balance {
        public Uri {
            Require.range(len, 0, Integer.MAX_VALUE, "uri len");
            Require.range(depth, 0, Integer.MAX_VALUE, "uri depth");
        }
    }

    /** {@code balance hdr(<name>)}: hash of the header's value; round robin without it. */
    record Header(String name) implements Balance {
        public Header {
            HeaderNames.check(name, "balance hdr");
        }
    }

    /**
     * {@code balance random[(<draws>)]}: {@code draws} servers picked at random by weight, the one
     * with the fewest connections wins (power of {@code draws} choices; HAProxy's default is 2).
     */
    record Random(int draws) implements Balance {
        public Random {
            Require.range(draws, 1, 100, "random draws");
        }
    }

    /** The HAProxy name as {@code show stat} and logs print it. */
    default String label() {
        return switch (this) {
            case RoundRobin r -> "roundrobin";
            case StaticRoundRobin r -> "static-rr";
            case LeastConn l -> "leastconn";
            case First f -> "first";
            case Source s -> "source";
            case Uri u -> "uri";
            case Header h -> "hdr(" + h.name() + ")";
            case Random r -> "random(" + r.draws() + ")";
        };
    }
}
