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
    void everyIpvsSchedulerAndRandomAreThere() {
        for (String name : new String[] {"rr", "wrr", "lc", "wlc", "sed", "nq", "twos", "random", "sh", "dh", "mh", "fo"}) {
            assertThat(Schedulers.<String>create(name).name()).as(name).isEqualTo(name);
        }
    }

    @Test
    void p2cIsTwos() {
        assertThat(Schedulers.create("p2c")).isInstanceOf(TwoChoicesScheduler.class);
        assertThat(Schedulers.requireKnown("p2c")).isEqualTo("twos");
    }

    @Test
    void eachCallIsAFreshInstance() {
        assertThat(Schedulers.<String>create("wrr")).isNotSameAs(Schedulers.<String>create("wrr"));
    }

    @Test
    void rejectsUnknownNamesWithTheAcceptedOnes() {
        String expected = "(expected: rr, wrr, lc, wlc, sed, nq, twos, random, sh, dh, mh, fo, p2c)";
        assertThatIllegalArgumentException().isThrownBy(() -> Schedulers.create("xyz"))
                .withMessage("scheduler: 'xyz' " + expected);
        assertThatIllegalArgumentException().isThrownBy(() -> Schedulers.requireKnown("WRR"))
                .withMessage("scheduler: 'WRR' " + expected);
    }

    @Test
    void flagLabelsAsIpvsadmPrintsThem() {
        assertThat(SchedulerFlag.PORT.label("sh")).isEqualTo("sh-port");
        assertThat(SchedulerFlag.FALLBACK.label("mh")).isEqualTo("mh-fallback");
        assertThat(SchedulerFlag.PORT.label("rr")).isEqualTo("flag-2");
    }
}
