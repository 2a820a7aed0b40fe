package org.bascule.sched;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A persistence template (IPVS {@code IP_VS_CONN_F_TEMPLATE} connection entry): which member a
 * (masked) client is bound to, until when, and how many connections it controls
 * ({@code n_control}).
 *
 * <p>Timer semantics of {@code ip_vs_conn_expire}: each new connection through the template
 * restarts its timer at its timeout. When the timer fires while connections it controls are
 * still open, the template lives on and is re-armed with 60 s ({@code cp->timeout = 60*HZ}),
 * again and again, until it fires with none open. Here the timer is evaluated lazily from the
 * time the last controlled connection closed, which gives the same instant.
 *
 * <p>{@link #released(long)} is called from the data path of any thread; the rest only by the
 * scheduling thread.
 */
public final class PersistenceTemplate<T> {

    /** What {@code ip_vs_conn_expire} re-arms a template with while it controls connections. */
    static final long REARM_MILLIS = 60_000;

    private final InetAddress key;
    private final T member;
    private long timeoutMillis;
    private long expiresAt;
    private final AtomicInteger controlled = new AtomicInteger();
    private volatile long idleSince = Long.MIN_VALUE;

    PersistenceTemplate(InetAddress key, T member, long timeoutMillis, long now) {
        this.key = key;
        this.member = member;
        this.timeoutMillis = timeoutMillis;
        this.expiresAt = now + timeoutMillis;
    }

    /** The masked client address this template is for. */
    public InetAddress key() {
        return key;
    }

    /** The member its clients go to. */
    public T member() {
        return member;
    }

    /** When it expires if nothing else happens (ipvsadm -Lc's "expire" column). */
    public long expiresAt() {
        return expiresAt;
    }

    /** Connections opened through it and not closed yet. */
    public int controlled() {
        return controlled.get();
    }

    /** A connection it placed has closed. */
    public void released(long now) {
        if (controlled.decrementAndGet() == 0) {
            idleSince = now;
        }
    }

    /** A new connection goes through it: restart the timer ({@code ip_vs_conn_put}). */
    void used(long now) {
        controlled.incrementAndGet();
        expiresAt = now + timeoutMillis;
    }

    /** Whether the kernel's timer would still hold it at {@code now}; advances the re-arms. */
    boolean alive(long now) {
        if (now < expiresAt) {
            return true;
        }
        if (controlled.get() > 0) {
            long periods = (now - expiresAt) / REARM_MILLIS + 1;
            expiresAt += periods * REARM_MILLIS;
            timeoutMillis = REARM_MILLIS;
            return true;
        }
        long idle = idleSince;
        if (idle > expiresAt) {
            // it controlled connections when the timer fired: re-armed every 60 s until one
            // firing found none left, at the first multiple at or after the last close
            long periods = (idle - expiresAt + REARM_MILLIS - 1) / REARM_MILLIS;
            expiresAt += periods * REARM_MILLIS;
            timeoutMillis = REARM_MILLIS;
            return now < expiresAt;
        }
        return false;
    }
}
