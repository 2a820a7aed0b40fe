package org.bascule.sched;

import java.util.Objects;

/**
 * One member of a virtual service's destination list with its live weight, as IPVS holds it
 * in {@code struct ip_vs_dest}. Weight 0 means quiesced ("drained"): the destination stays
 * listed, its established connections go on, but no scheduler gives it a new one.
 *
 * @param member what the caller schedules (a real server of the L4 tier, a server of an L7 backend)
 * @param weight live weight, 0 = drain
 * @param backup a backup server (HAProxy {@code backup}): used by {@link ActivePassiveScheduler}
 *               only while no other member is available; other schedulers treat it as any member
 * @param counts the member's live connection counters, read without a lock by the
 *               least-connection schedulers
 */
public record Destination<T>(T member, int weight, boolean backup, ConnectionCounts counts) {

    public Destination {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(counts, "counts");
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }

    /** A regular member; its counters are the member itself when it implements {@link ConnectionCounts}. */
    public Destination(T member, int weight) {
        this(member, weight, false, ConnectionCounts.of(member));
    }

    /** A regular member with explicit counters. */
    public Destination(T member, int weight, ConnectionCounts counts) {
        this(member, weight, false, counts);
    }

    /** May take a new connection (IPVS: weight above 0). */
    public boolean available() {
        return weight > 0;
    }

    /** {@link ConnectionCounts#overhead()} of this member now. */
    public long overhead() {
        return counts.overhead();
    }
}
