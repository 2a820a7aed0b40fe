package org.bascule.sched;

/** Test helper: connection counters a test sets by hand. */
final class Load implements ConnectionCounts {
    long active;
    long inactive;

    Load(long active, long inactive) {
        this.active = active;
        this.inactive = inactive;
    }

    @Override
    public long activeConnections() {
        return active;
    }

    @Override
    public long inactiveConnections() {
        return inactive;
    }
}
