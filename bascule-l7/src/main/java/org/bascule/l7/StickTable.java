package org.bascule.l7;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bascule.l7.spec.StickTableSpec;

/**
 * A {@code stick-table type ip … store http_req_rate(<period>)}: per client address, the request
 * rate over a sliding period, estimated as HAProxy's {@code freq_ctr} does: the count of the
 * current period plus the previous period's count weighted by the part of it still inside the
 * window. Entries unseen for {@code expire} are dropped; beyond {@code size}, the least recently
 * seen one is evicted.
 */
final class StickTable {

    private static final class Entry {
        long periodStart;
        long current;
        long previous;
        long lastSeen;
    }

    private final StickTableSpec spec;
    private final long periodMillis;
    private final LinkedHashMap<InetAddress, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    StickTable(StickTableSpec spec) {
        this.spec = spec;
        this.periodMillis = spec.httpReqRatePeriod().toMillis();
    }

    /** Counts one request of {@code key} at {@code nowMillis} and returns its rate, this request included. */
    synchronized long hit(InetAddress key, long nowMillis) {
        Entry e = entries.get(key);
        if (e == null || nowMillis - e.lastSeen > spec.expire().toMillis()) {
            e = new Entry();
            e.periodStart = nowMillis;
            e.lastSeen = nowMillis;
            entries.put(key, e);
            evict(nowMillis);
        }
        roll(e, nowMillis);
        e.current++;
        e.lastSeen = nowMillis;
        return rate(e, nowMillis);
    }

    private void roll(Entry e, long now) {
        long elapsed = now - e.periodStart;
        if (elapsed >= 2 * periodMillis) {
            e.previous = 0;
            e.current = 0;
            e.periodStart = now;
        } else if (elapsed >= periodMillis) {
            e.previous = e.current;
            e.current = 0;
            e.periodStart += periodMillis;
        }
    }

    private long rate(Entry e, long now) {
        long inPeriod = now - e.periodStart;
        return e.current + e.previous * (periodMillis - inPeriod) / periodMillis;
    }

    private void evict(long now) {
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<InetAddress, Entry> oldest = it.next();
            if (entries.size() > spec.size() || now - oldest.getValue().lastSeen > spec.expire().toMillis()) {
                it.remove();
            } else {
                break;
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
