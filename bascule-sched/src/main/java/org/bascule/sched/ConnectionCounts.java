package org.bascule.sched;

/**
 * Live connection counters of a destination, read by the least-connection family
 * ({@code lc}, {@code wlc}, {@code sed}, {@code nq}, {@code twos}) at the moment they decide.
 * IPVS keeps them in {@code struct ip_vs_dest} as {@code activeconns} (established) and
 * {@code inactconns} (being set up, or closed and lingering in FIN_WAIT/TIME_WAIT).
 *
 * <p>Implementations are read from the scheduling thread while the data path updates them
 * from other threads: they must be plain atomic reads (no lock), and a reading that is a
 * connection or two behind is fine, as it is in the kernel.
 */
public interface ConnectionCounts {

    /** No connections, ever: for members that do not count (tests, rr/wrr-only users). */
    ConnectionCounts NONE = new ConnectionCounts() {
        @Override
        public long activeConnections() {
            return 0;
        }

        @Override
        public long inactiveConnections() {
            return 0;
        }
    };

    long activeConnections();

    long inactiveConnections();

    /**
     * {@code ip_vs_dest_conn_overhead}: an active connection weighs 256 inactive ones
     * ({@code activeconns << 8 + inactconns}), because an inactive one costs the server
     * little.
     */
    default long overhead() {
        return (activeConnections() << 8) + inactiveConnections();
    }

    /** The member itself when it counts its connections, else {@link #NONE}. */
    static ConnectionCounts of(Object member) {
        return member instanceof ConnectionCounts c ? c : NONE;
    }
}
