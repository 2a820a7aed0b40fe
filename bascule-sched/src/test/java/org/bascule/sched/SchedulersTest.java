package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SchedulersTest {

    @Test
    void findsByIpvsName() {
        assertThat(Schedulers.create("rr")).isInstanceOf(RoundRobinScheduler.class);
        assertThat(Schedulers.create("wrr")).isInstanceOf(WeightedRoundRobinScheduler.class);
        assertThat(Schedulers.<String>create("wrr").name()).isEqualTo("wrr");
    }

    @Test
    void eachCallIsAFreshInstance() {
        assertThat(Schedulers.<String>create("wrr")).isNotSameAs(Schedulers.<String>create("wrr"));
    }

    @Test
    void rejectsUnknownNamesWithTheAcceptedOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedulers.create("xyz"))
                .withMessage("scheduler: 'xyz' (expected: rr, wrr)");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedulers.requireKnown("WRR"))
                .withMessage("scheduler: 'WRR' (expected: rr, wrr)");
    }
}
