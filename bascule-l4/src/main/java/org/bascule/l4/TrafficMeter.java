package org.bascule.l4;

import java.util.concurrent.atomic.LongAdder;
import org.bascule.l4.table.TrafficCounters;
import org.bascule.l4.table.TrafficRates;

/**
 * The {@code --stats} counters of one service or destination ({@code struct ip_vs_stats}) and
 * their {@code --rate} estimate. Event loops add to striped counters without contention; the
 * estimator samples from one timer thread and publishes through a volatile field.
 */
final class TrafficMeter {

    private final LongAdder conns = new LongAdder();
    private final LongAdder inPackets = new LongAdder();
    private final LongAdder outPackets = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    private RateEstimator estimator = new RateEstimator();
    private volatile TrafficRates rates = TrafficRates.ZERO;

    void connection() {
        conns.increment();
    }

    /** One read from the client, forwarded towards the real server. */
    void in(int bytes) {
        inPackets.increment();
        inBytes.add(bytes);
    }

    /** One read from the real server, forwarded towards the client. */
    void out(int bytes) {
        outPackets.increment();
        outBytes.add(bytes);
    }

    TrafficCounters counters() {
        return new TrafficCounters(conns.sum(), inPackets.sum(), outPackets.sum(), inBytes.sum(), outBytes.sum());
    }

    TrafficRates rates() {
        return rates;
    }

    /** Called by the tier's estimator timer only. */
    synchronized void sample() {
        estimator.sample(counters());
        rates = estimator.rates();
    }

    /**
     * {@code ipvsadm -Z}: counters and the rate estimate start again from zero, as
     * {@code ip_vs_zero_stats} clears the counters and the estimator's memory together. Adds
     * racing with the reset may survive it; IPVS zeroes under a lock the data path also takes.
     */
    synchronized void zero() {
        conns.reset();
        inPackets.reset();
        outPackets.reset();
        inBytes.reset();
        outBytes.reset();
        estimator = new RateEstimator();
        rates = TrafficRates.ZERO;
    }
}
