package org.bascule.sched;

import java.util.ArrayList;
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

    private static final List<SchedulerKind> TABLE = List.of(
            new SchedulerKind(RoundRobinScheduler.NAME, List.of(), "Round Robin", s -> new RoundRobinScheduler<>()),
            new SchedulerKind(WeightedRoundRobinScheduler.NAME, List.of(), "Weighted Round Robin",
                    s -> new WeightedRoundRobinScheduler<>()),
            new SchedulerKind(LeastConnectionScheduler.NAME, List.of(), "Least-Connection",
                    s -> new LeastConnectionScheduler<>()),
            new SchedulerKind(WeightedLeastConnectionScheduler.NAME, List.of(), "Weighted Least-Connection",
                    s -> new WeightedLeastConnectionScheduler<>()),
            new SchedulerKind(ShortestExpectedDelayScheduler.NAME, List.of(), "Shortest Expected Delay",
                    s -> new ShortestExpectedDelayScheduler<>()),
            new SchedulerKind(NeverQueueScheduler.NAME, List.of(), "Never Queue", s -> new NeverQueueScheduler<>()),
            new SchedulerKind(TwoChoicesScheduler.NAME, List.of("p2c"), "Weighted Random Twos Choice",
                    s -> new TwoChoicesScheduler<>(s.random().get())),
            new SchedulerKind(WeightedRandomScheduler.NAME, List.of(), "Weighted Random",
                    s -> new WeightedRandomScheduler<>(s.random().get())),
            new SchedulerKind(SourceHashScheduler.NAME, List.of(), "Source Hashing", SourceHashScheduler::new),
            new SchedulerKind(DestinationHashScheduler.NAME, List.of(), "Destination Hashing",
                    s -> new DestinationHashScheduler<>()),
            new SchedulerKind(MaglevScheduler.NAME, List.of(), "Maglev Hashing", MaglevScheduler::new),
            new SchedulerKind(FailoverScheduler.NAME, List.of(), "Weighted Failover", s -> new FailoverScheduler<>()));

    private static final Map<String, SchedulerKind> KINDS = index();

    private Schedulers() {}

    /** All known kinds, in table order. */
    public static List<SchedulerKind> kinds() {
        return TABLE;
    }

    /** The kind named {@code name} (its IPVS name or an alias), if Bascule has it. */
    public static Optional<SchedulerKind> find(String name) {
        return Optional.ofNullable(KINDS.get(name));
    }

    /**
     * Checks a name without building anything; returns the IPVS name ({@code p2c} gives {@code twos}).
     *
     * @throws IllegalArgumentException {@code scheduler: 'xyz' (expected: rr, wrr, ...)}
     */
    public static String requireKnown(String name) {
        if (name == null || !KINDS.containsKey(name)) {
            throw new IllegalArgumentException("scheduler: '" + name + "' (expected: " + String.join(", ", names()) + ")");
        }
        return KINDS.get(name).name();
    }

    /** Every accepted name, IPVS names first in table order, then aliases. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        TABLE.forEach(k -> names.add(k.name()));
        TABLE.forEach(k -> names.addAll(k.aliases()));
        return names;
    }

    /**
     * A fresh scheduler of that name with default settings, for one virtual service.
     *
     * @throws IllegalArgumentException {@code scheduler: 'xyz' (expected: rr, wrr, ...)}
     */
    public static <T> Scheduler<T> create(String name) {
        return create(name, SchedulerSettings.defaults());
    }

    /**
     * A fresh scheduler of that name with these settings (flags, member addresses for
     * {@code mh}, table size, random source), for one virtual service.
     *
     * @throws IllegalArgumentException {@code scheduler: 'xyz' (expected: rr, wrr, ...)}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> Scheduler<T> create(String name, SchedulerSettings<T> settings) {
        SchedulerKind kind = KINDS.get(requireKnown(name));
        return (Scheduler<T>) kind.factory().apply((SchedulerSettings) settings);
    }

    private static Map<String, SchedulerKind> index() {
        Map<String, SchedulerKind> map = new LinkedHashMap<>();
        for (SchedulerKind k : TABLE) {
            map.put(k.name(), k);
            k.aliases().forEach(a -> map.put(a, k));
        }
        return Collections.unmodifiableMap(map);
    }
}
