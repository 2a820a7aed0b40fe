package org.bascule.l7.balance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;
import org.bascule.l7.spec.HashType;

/**
 * {@code balance source}, {@code uri}, {@code hdr(name)}: a key from the request, hashed with
 * SDBM (HAProxy's default {@code hash-function}), then mapped to a server.
 * <ul>
 *   <li>{@code hash-type map-based}: {@code hash % sum(weights)} indexes the servers laid out by
 *       weight (HAProxy's {@code lb_map}); a change of the server set remaps most keys;</li>
 *   <li>{@code hash-type consistent}: the first point clockwise on a ring holding each server
 *       {@code weight × 16} times (HAProxy's {@code lb_chash}); a server leaving moves only its keys.</li>
 * </ul>
 * No key (a missing header) falls back to round robin, as HAProxy does.
 */
public final class KeyHash implements Picker {

    private static final int POINTS_PER_WEIGHT = 16;

    private final Function<PickKey, Optional<byte[]>> keyOf;
    private final HashType type;
    private final SmoothRoundRobin fallback = new SmoothRoundRobin();
    private List<LiveServer> ringFrom = List.of();
    private long[] ringPoints = new long[0];
    private LiveServer[] ringServers = new LiveServer[0];

    public KeyHash(Function<PickKey, Optional<byte[]>> keyOf, HashType type) {
        this.keyOf = keyOf;
        this.type = type;
    }

    @Override
    public Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> k = key == null ? Optional.empty() : keyOf.apply(key);
        if (k.isEmpty()) {
            return fallback.pick(candidates, key);
        }
        long hash = sdbm(k.get());
        return Optional.of(type == HashType.CONSISTENT ? onRing(candidates, mix(hash)) : mapBased(candidates, hash));
    }

    private static LiveServer mapBased(List<LiveServer> candidates, long hash) {
        long total = 0;
        for (LiveServer s : candidates) {
            total += s.weight();
        }
        long slot = hash % total;
        for (LiveServer s : candidates) {
            slot -= s.weight();
            if (slot < 0) {
                return s;
            }
        }
        return candidates.getLast();
    }

    private synchronized LiveServer onRing(List<LiveServer> candidates, long hash) {
        if (!candidates.equals(ringFrom)) {
            buildRing(candidates);
        }
        int lo = 0;
        int hi = ringPoints.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(ringPoints[mid], hash) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return ringServers[lo == ringPoints.length ? 0 : lo];
    }

    private void buildRing(List<LiveServer> candidates) {
        record Point(long at, LiveServer server) {}
        List<Point> points = new ArrayList<>();
        for (LiveServer s : candidates) {
            for (int i = 0; i < s.weight() * POINTS_PER_WEIGHT; i++) {
                points.add(new Point(mix(((long) s.id() << 32) | i), s));
            }
        }
        points.sort(Comparator.comparing(Point::at, Long::compareUnsigned));
        ringFrom = List.copyOf(candidates);
        ringPoints = points.stream().mapToLong(Point::at).toArray();
        ringServers = points.stream().map(Point::server).toArray(LiveServer[]::new);
    }

    /** SDBM, HAProxy's {@code hash_sdbm}: {@code h = c + (h << 6) + (h << 16) - h}, 32 bits. */
    static long sdbm(byte[] key) {
        int h = 0;
        for (byte b : key) {
            h = (b & 0xff) + (h << 6) + (h << 16) - h;
        }
        return h & 0xffffffffL;
    }

    /** A 64-bit finaliser (SplitMix64) so ring points and keys spread over the whole ring. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
