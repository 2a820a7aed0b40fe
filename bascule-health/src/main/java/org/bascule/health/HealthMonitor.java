package org.bascule.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs checkers, keepalived's checker process in one object: {@link #watch} starts checking a
 * target and returns its {@link CheckWatch}; verdicts go to {@link #events()}.
 *
 * <p>Timers run on one platform thread (they only post events), checks on virtual threads.
 * Each target's first check falls at a random point within its {@code warmup} (keepalived's
 * keyword; {@code delay_loop} by default), so a configuration with hundreds of real servers
 * does not probe them all at the same instant after a start or reload.
 */
public final class HealthMonitor implements AutoCloseable {

    private final HealthEvents events = new HealthEvents();
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Function<CheckSpec, Checker> checkers;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<HealthTarget, CheckWatch> watches = new ConcurrentHashMap<>();

    /** The production monitor: system clock, real checkers. */
    public HealthMonitor() {
        this(InstantSource.system(), RandomGenerator.getDefault(), Checker::forSpec);
    }

    /**
     * @param clock    time as the state machines see it
     * @param random   draws the spread of first checks
     * @param checkers makes the checker of a spec (tests substitute slow or scripted ones)
     */
    public HealthMonitor(InstantSource clock, RandomGenerator random, Function<CheckSpec, Checker> checkers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.checkers = Objects.requireNonNull(checkers, "checkers");
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("bascule-health-timer").daemon().factory());
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** The health stream of every target this monitor checks. */
    public HealthEvents events() {
        return events;
    }

    /**
     * Starts checking {@code target} with {@code spec}. Its initial state ({@code alpha}: DOWN,
     * else UP) is published at once; the first check follows within {@code warmup}.
     *
     * @throws IllegalStateException if the target is already watched
     */
    public CheckWatch watch(HealthTarget target, CheckSpec spec) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(spec, "spec");
        CheckWatch watch = new CheckWatch(target, spec, checkers.apply(spec), this, timer);
        if (watches.putIfAbsent(target, watch) != null) {
            throw new IllegalStateException("target: " + target + " (expected: not watched yet)");
        }
        long warmupNanos = spec.timing().warmup().toNanos();
        watch.start(Duration.ofNanos(warmupNanos == 0 ? 0 : random.nextLong(warmupNanos + 1)));
        return watch;
    }

    /** The watch of {@code target}, if it is being checked. */
    public Optional<CheckWatch> find(HealthTarget target) {
        return Optional.ofNullable(watches.get(target));
    }

    Instant now() {
        return clock.instant();
    }

    void unwatch(CheckWatch watch) {
        if (watches.remove(watch.target(), watch)) {
            events.forget(watch.target());
        }
    }

    /** Stops every check and the health stream. */
    @Override
    public void close() {
        watches.values().forEach(CheckWatch::close);
        timer.shutdownNow();
        events.close();
    }
}
