package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bascule.l4.table.TrafficCounters;
import org.bascule.l4.table.TrafficRates;
import org.junit.jupiter.api.Test;

/** ip_vs_est.c's fixed-point averages, values computed with the kernel's formulas. */
class RateEstimatorTest {

    @Test
    void convergesLikeTheKernelTowardsASteadyRateAndDecaysAfter() {
        var est = new RateEstimator();
        List<String> seen = new ArrayList<>();
        TrafficCounters total = TrafficCounters.ZERO;
        // 100 conn/s, 10 packets each way per conn... sampled every 2 s: +200 conns, +1 MB in per sample
        var perSample = new TrafficCounters(200, 2_000, 1_000, 1_000_000, 50_000);
        for (int i = 0; i < 6; i++) {
            total = total.plus(perSample);
            est.sample(total);
            seen.add(est.rates().cps() + "/" + est.rates().inBps());
        }
        for (int i = 0; i < 3; i++) {
            est.sample(total); // traffic stopped
            seen.add(est.rates().cps() + "/" + est.rates().inBps());
        }
        assertThat(seen).containsExactly("25/125000", "44/218750", "58/289062", "68/341797", "76/381348",
                "82/411011", "62/308258", "46/231193", "35/173395");
    }

    @Test
    void settlesExactlyOnTheSteadyRate() {
        var est = new RateEstimator();
        TrafficCounters total = TrafficCounters.ZERO;
        var perSample = new TrafficCounters(200, 2_000, 1_000, 1_000_000, 50_000);
        for (int i = 0; i < 100; i++) {
            total = total.plus(perSample);
            est.sample(total);
        }
        assertThat(est.rates()).isEqualTo(new TrafficRates(100, 1_000, 500, 500_000, 25_000));
    }
}
