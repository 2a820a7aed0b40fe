package org.bascule.vrrp.io;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bascule.vrrp.codec.DropCounter;

/**
 * Per-instance counters, named as keepalived's statistics (vrrp.h {@code vrrp_stats}): written
 * by the engine thread, read by anyone.
 */
public final class InstanceStats {

    final AtomicLong advertsReceived = new AtomicLong();
    final AtomicLong advertsSent = new AtomicLong();
    final AtomicLong becameMaster = new AtomicLong();
    final AtomicLong releasedMaster = new AtomicLong();
    final AtomicLong priorityZeroReceived = new AtomicLong();
    final AtomicLong priorityZeroSent = new AtomicLong();
    final AtomicLong kernelErrors = new AtomicLong();
    private final Map<DropCounter, AtomicLong> drops = new EnumMap<>(DropCounter.class);

    InstanceStats() {
        for (DropCounter c : DropCounter.values()) {
            drops.put(c, new AtomicLong());
        }
    }

    void drop(DropCounter c) {
        drops.get(c).incrementAndGet();
    }

    /** The count of packets dropped for {@code c}. */
    public long drops(DropCounter c) {
        return drops.get(c).get();
    }

    /** All counters by name, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("advert_rcvd", advertsReceived.get());
        m.put("advert_sent", advertsSent.get());
        m.put("become_master", becameMaster.get());
        m.put("release_master", releasedMaster.get());
        m.put("pri_zero_rcvd", priorityZeroReceived.get());
        m.put("pri_zero_sent", priorityZeroSent.get());
        m.put("kernel_errors", kernelErrors.get());
        drops.forEach((c, v) -> m.put(c.metricName(), v.get()));
        return m;
    }
}
