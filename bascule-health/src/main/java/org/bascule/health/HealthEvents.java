package org.bascule.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing side of the {@link HealthState} stream. Publishers (checkers, later the runtime
 * API's {@code set server ... state}) call {@link #publish}; one delivery thread hands the
 * changes to subscribers in sequence order.
 *
 * <p>Delivery is asynchronous on purpose: a publisher holds its own checker's lock while it
 * publishes and a subscriber takes its own locks while it applies a change; delivering on the
 * publisher's thread would let the two orders meet and deadlock. Subscribing, forgetting and
 * delivering all go through the same queue, so a new subscriber sees the current state and
 * then every later change, with no gap and no repeat.
 */
public final class HealthEvents implements HealthState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthEvents.class);

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Consumer<HealthChange>> listeners = new CopyOnWriteArrayList<>();
    /** Written by the delivery thread only; read by anyone. */
    private final Map<HealthTarget, HealthChange> delivered = new ConcurrentHashMap<>();
    private final Thread deliverer;
    private long sequence;
    private volatile boolean closed;

    public HealthEvents() {
        deliverer = Thread.ofVirtual().name("bascule-health-events").start(this::deliverLoop);
    }

    /** Publishes that {@code target} is now {@code health}; returns the change's sequence number. */
    public long publish(HealthTarget target, Health health, CheckResult reason) {
        return publish(target, health, reason, Feedback.NONE);
    }

    /**
     * Publishes that {@code target} is now {@code health} with {@code feedback} standing (weight,
     * administrative state); returns the change's sequence number.
     */
    public synchronized long publish(HealthTarget target, Health health, CheckResult reason, Feedback feedback) {
        HealthChange change = new HealthChange(target, health, reason, ++sequence, feedback);
        // enqueue under the same lock that numbers the change: queue order is sequence order
        queue.add(() -> deliver(change));
        return change.sequence();
    }

    /**
     * The sequence number of the latest published change (0 before any). A consumer that
     * starts following a target may ignore changes numbered up to this, which belong to an
     * earlier watch of an equal target.
     */
    public synchronized long lastSequence() {
        return sequence;
    }

    /** Drops a target that is no longer checked, so new subscribers do not hear of it. */
    public void forget(HealthTarget target) {
        Objects.requireNonNull(target, "target");
        queue.add(() -> delivered.remove(target));
    }

    @Override
    public Subscription subscribe(Consumer<HealthChange> listener) {
        Objects.requireNonNull(listener, "listener");
        queue.add(() -> {
            delivered.values().stream()
                    .sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
                    .forEach(c -> call(listener, c));
            listeners.add(listener);
        });
        return () -> queue.add(() -> listeners.remove(listener));
    }

    @Override
    public Optional<HealthChange> current(HealthTarget target) {
        return Optional.ofNullable(delivered.get(target));
    }

    @Override
    public Map<HealthTarget, HealthChange> currentAll() {
        return Map.copyOf(delivered);
    }

    @Override
    public void close() {
        closed = true;
        deliverer.interrupt();
    }

    private void deliver(HealthChange change) {
        delivered.put(change.target(), change);
        for (Consumer<HealthChange> l : listeners) {
            call(l, change);
        }
    }

    private static void call(Consumer<HealthChange> listener, HealthChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            log.error("health listener {} failed on change #{} ({} {})", listener, change.sequence(),
                    change.target(), change.health(), e);
        }
    }

    private void deliverLoop() {
        while (!closed) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
