package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Over whole cycles, each scheduler's shares are exactly what the weights promise. */
class SchedulerSharesPropertyTest {

    @Property
    void wrrSharesAreProportionalToWeights(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 24) Integer> weights,
            @ForAll @IntRange(min = 1, max = 4) int cycles) {
        Assume.that(weights.stream().anyMatch(w -> w > 0));
        DestinationSet<String> set = named(weights);
        int gcd = WeightedRoundRobinScheduler.gcdOfPositiveWeights(set);
        int cycleLength = weights.stream().mapToInt(w -> w / gcd).sum();

        Map<String, Integer> counts = run(new WeightedRoundRobinScheduler<>(), set, cycles * cycleLength);

        for (int i = 0; i < weights.size(); i++) {
            assertThat(counts.getOrDefault("s" + i, 0))
                    .as("picks of s%d (weight %d) over %d cycles of %s", i, weights.get(i), cycles, weights)
                    .isEqualTo(cycles * weights.get(i) / gcd);
        }
    }

    @Property
    void rrGivesEveryLiveMemberTheSameShare(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 3) Integer> weights,
            @ForAll @IntRange(min = 1, max = 5) int turns) {
        long live = weights.stream().filter(w -> w > 0).count();
        Assume.that(live > 0);
        DestinationSet<String> set = named(weights);

        Map<String, Integer> counts = run(new RoundRobinScheduler<>(), set, (int) (turns * live));

        for (int i = 0; i < weights.size(); i++) {
            assertThat(counts.getOrDefault("s" + i, 0)).isEqualTo(weights.get(i) > 0 ? turns : 0);
        }
    }

    private static DestinationSet<String> named(List<Integer> weights) {
        List<Destination<String>> members = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            members.add(new Destination<>("s" + i, weights.get(i)));
        }
        return new DestinationSet<>(members);
    }

    private static Map<String, Integer> run(Scheduler<String> scheduler, DestinationSet<String> set, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(scheduler.schedule(set, SchedulingTrace.FLOW).orElseThrow(), 1, Integer::sum);
        }
        return counts;
    }
}
