package org.bascule.l4;

import org.bascule.l4.table.TrafficCounters;
import org.bascule.l4.table.TrafficRates;

/**
 * Rates as Linux {@code net/netfilter/ipvs/ip_vs_est.c} estimates them: every 2 s the counters
 * are sampled and each rate moves a quarter of the way to the rate of the last 2 s
 * ({@code avg += (rate - avg) / 4}), in fixed point (connections and packets scaled by 2^10,
 * bytes by 2^5), and reading rounds the same way the kernel does. The same arithmetic gives
 * the same numbers as {@code ipvsadm --rate} on the same traffic. Not thread-safe: one sampler.
 */
final class RateEstimator {

    /** The kernel's sampling period. */
    static final long PERIOD_SECONDS = 2;

    private long lastConns;
    private long lastInPkts;
    private long lastOutPkts;
    private long lastInBytes;
    private long lastOutBytes;
    private long cps;
    private long inPps;
    private long outPps;
    private long inBps;
    private long outBps;

    /** Takes one sample; call every {@link #PERIOD_SECONDS}. */
    void sample(TrafficCounters now) {
        // per second over 2 s, scaled by 2^10: delta << 9; bytes scaled by 2^5: delta << 4
        cps += ((now.conns() - lastConns << 9) - cps) >> 2;
        inPps += ((now.inPackets() - lastInPkts << 9) - inPps) >> 2;
        outPps += ((now.outPackets() - lastOutPkts << 9) - outPps) >> 2;
        inBps += ((now.inBytes() - lastInBytes << 4) - inBps) >> 2;
        outBps += ((now.outBytes() - lastOutBytes << 4) - outBps) >> 2;
        lastConns = now.conns();
        lastInPkts = now.inPackets();
        lastOutPkts = now.outPackets();
        lastInBytes = now.inBytes();
        lastOutBytes = now.outBytes();
    }

    /** The decoded rates ({@code ip_vs_read_estimator}). */
    TrafficRates rates() {
        return new TrafficRates((cps + 0x1FF) >> 10, (inPps + 0x1FF) >> 10, (outPps + 0x1FF) >> 10,
                (inBps + 0xF) >> 5, (outBps + 0xF) >> 5);
    }
}
