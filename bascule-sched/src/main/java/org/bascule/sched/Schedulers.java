package org.bascule.sched;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedulers Bascule knows, by IPVS name, like the kernel's {@code register_ip_vs_scheduler}
 * list. An unknown name is rejected with the list of accepted ones: keepalived only logs
 * "Invalid lvs_scheduler" and carries on, which hides typos (STYLE.md, keepalived).
 */
public final class Schedulers {

    private static final Map<String, SchedulerKind> KINDS = table(
            new SchedulerKind(RoundRobinScheduler.NAME, "Round Robin", RoundRobinScheduler::new),
            new SchedulerKind(WeightedRoundRobinScheduler.NAME, "Weighted Round Robin",
                    WeightedRoundRobinScheduler::new));

    private Schedulers() {}

    /** All known kinds, in table order. */
    public static List<SchedulerKind> kinds() {
        return List.copyOf(KINDS.values());
    }

    /** The kind named {@code name}, if Bascule has it. */
    public static Optional<SchedulerKind> find(String name) {
        return Optional.ofNullable(KINDS.get(name));
    }

    /**
     * Checks a name without building anything.
     *
     * @throws IllegalArgumentException {@code scheduler: 'xyz' (expected: rr, wrr)}
     */
    public static String requireKnown(String name) {
        if (name == null || !KINDS.containsKey(name)) {
            throw new IllegalArgumentException(
                    "scheduler: '" + name + "' (expected: " + String.join(", ", KINDS.keySet()) + ")");
        }
        return name;
    }

    /**
     * A fresh scheduler of that name, for one virtual service.
     *
     * @throws IllegalArgumentException {@code scheduler: 'xyz' (expected: rr, wrr)}
     */
    @SuppressWarnings("unchecked")
    public static <T> Scheduler<T> create(String name) {
        return (Scheduler<T>) KINDS.get(requireKnown(name)).factory().get();
    }

    private static Map<String, SchedulerKind> table(SchedulerKind... kinds) {
        Map<String, SchedulerKind> map = new LinkedHashMap<>();
        for (SchedulerKind k : kinds) {
            map.put(k.name(), k);
        }
        return Collections.unmodifiableMap(map);
    }
}
