package org.bascule.l7;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.bascule.l7.spec.ServerPool;

/**
 * A server's idle keep-alive connections, one deque per event loop so that a connection is only
 * ever touched by the loop that owns it, sized the way HAProxy 2.6 sizes a server's idle lists:
 * <ul>
 * <li>a released connection is kept when its loop holds none for this server yet, or while the
 *     server's used plus idle connections stay within what it needed lately: the most used at
 *     once since the last purge, or the decaying estimate from the purges before
 *     ({@code srv_add_to_idle_list}, {@code est_need_conns});
 * <li>every {@code pool-purge-delay} (5 s) half of the idle connections beyond that need are
 *     closed, oldest first ("each delay interval, half of the idle connections are closed");
 * <li>{@code pool-low-conn} more are allowed on top of the need, {@code pool-max-conn} caps them.
 * </ul>
 * Without the bound every client's first request (which {@code http-reuse safe} never sends on
 * another client's connection) would leave one more idle connection behind, thousands of them,
 * held by the proxy and the server alike. Connections leave by {@link ServerConnector#reset},
 * with no TIME_WAIT on the proxy's side.
 */
final class IdlePool {

    private final Map<EventLoop, ArrayDeque<Channel>> byLoop = new ConcurrentHashMap<>();
    private final AtomicInteger idle = new AtomicInteger();
    /** The server's connections in use now (its requests being served). */
    private final IntSupplier used;
    /** The most used at once since the last purge (HAProxy's {@code max_used_conns}). */
    private volatile int maxUsed;
    /** What the server is estimated to need ({@code est_need_conns}): at least maxUsed, decaying at each purge. */
    private volatile int estNeed;
    private final AtomicBoolean purgeScheduled = new AtomicBoolean();
    private final ServerPool limits;
    private final long purgeDelayMillis;

    IdlePool(IntSupplier used, ServerPool limits) {
        this.used = used;
        this.limits = limits;
        this.purgeDelayMillis = Math.max(1, limits.purgeDelay().toMillis());
    }

    /** A connection went into use, {@code now} being in use with it (no exact maximum needed, as in HAProxy). */
    void noteUsed(int now) {
        if (now > maxUsed) {
            maxUsed = now;
        }
        if (now > estNeed) {
            estNeed = now;
        }
    }

    /** An idle connection owned by {@code loop}, if one is still open; only called on {@code loop}. */
    Channel poll(EventLoop loop) {
        ArrayDeque<Channel> q = byLoop.get(loop);
        if (q == null) {
            return null;
        }
        Channel ch;
        while ((ch = q.pollLast()) != null) {
            idle.decrementAndGet();
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Keeps a released connection if the server may need it, else closes it; only called on {@code ch.eventLoop()}. */
    void offer(Channel ch) {
        EventLoop loop = ch.eventLoop();
        ArrayDeque<Channel> q = byLoop.computeIfAbsent(loop, l -> new ArrayDeque<>());
        // The connection being released still counts as used here, as in HAProxy's test.
        int inUse = used.getAsInt() + 1;
        int idleNow = idle.get();
        if (!limits.keepsIdle() || (limits.maxConn() >= 0 && idleNow >= limits.maxConn())
                || (!q.isEmpty() && inUse + idleNow > Math.max(inUse, estNeed) + limits.lowConn())) {
            ServerConnector.reset(ch);
            return;
        }
        q.addLast(ch);
        idle.incrementAndGet();
        if (purgeScheduled.compareAndSet(false, true)) {
            loop.schedule(this::purge, purgeDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A connection that closed leaves its loop's pool if it was in it; only called on {@code ch.eventLoop()}. */
    void forget(Channel ch) {
        ArrayDeque<Channel> q = byLoop.get(ch.eventLoop());
        if (q != null && q.remove(ch)) {
            idle.decrementAndGet();
        }
    }

    /**
     * HAProxy's purge: the connections beyond the need are counted, the estimate moves halfway
     * towards the last period's maximum (never below it), and half of the excess, rounded up, is
     * closed, each loop closing its share of its own. Rescheduled while connections idle, so a
     * pool that empties costs no timer.
     */
    private void purge() {
        int inUse = used.getAsInt();
        int idleNow = idle.get();
        int excess = inUse + idleNow - Math.max(maxUsed, estNeed) - limits.lowConn();
        estNeed = Math.max((estNeed + maxUsed) / 2, maxUsed);
        maxUsed = inUse;
        if (excess > 0 && idleNow > 0) {
            int toClose = (excess + 1) / 2;
            byLoop.forEach((loop, q) -> loop.execute(() -> closeOldest(q, toClose, idleNow)));
        }
        EventLoop next = byLoop.keySet().stream().findFirst().orElse(null);
        if (next != null && idleNow > 0 && !next.isShuttingDown()) {
            next.schedule(this::purge, purgeDelayMillis, TimeUnit.MILLISECONDS);
        } else {
            purgeScheduled.set(false);
        }
    }

    private void closeOldest(ArrayDeque<Channel> q, int toClose, int idleThen) {
        // This loop's share of the excess, by its share of the idle connections at purge time.
        int share = (int) Math.min(q.size(), ((long) toClose * q.size() + idleThen - 1) / idleThen);
        for (int i = 0; i < share; i++) {
            Channel ch = q.pollFirst();
            if (ch == null) {
                return;
            }
            idle.decrementAndGet();
            ServerConnector.reset(ch);
        }
    }

    /** Closes every idle connection (MAINT, shutdown). */
    void closeAll() {
        byLoop.forEach((loop, q) -> loop.execute(() -> {
            Channel ch;
            while ((ch = q.pollFirst()) != null) {
                idle.decrementAndGet();
                ServerConnector.reset(ch);
            }
        }));
    }

    int size() {
        return idle.get();
    }
}
