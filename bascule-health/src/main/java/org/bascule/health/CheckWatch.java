package org.bascule.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running checker: feeds timer and completion events to its {@link CheckMachine} and
 * performs the actions. Transitions are serialised by this object's lock (control plane only);
 * checks run on virtual threads so a blocking probe costs no platform thread. Closing it stops
 * the checking; a probe still in flight finishes and is ignored.
 */
public final class CheckWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckWatch.class);

    private final HealthTarget target;
    private final CheckSpec spec;
    private final CheckMachine machine;
    private final Checker checker;
    private final HealthMonitor monitor;
    private final ScheduledExecutorService timer;
    private CheckState state;
    private CheckResult lastResult = CheckResult.initial();
    private ScheduledFuture<?> pendingWake;
    private boolean closed;

    CheckWatch(HealthTarget target, CheckSpec spec, Checker checker, HealthMonitor monitor,
            ScheduledExecutorService timer) {
        this.target = Objects.requireNonNull(target, "target");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.machine = new CheckMachine(spec.timing());
        this.checker = Objects.requireNonNull(checker, "checker");
        this.monitor = monitor;
        this.timer = timer;
    }

    public HealthTarget target() {
        return target;
    }

    public CheckSpec spec() {
        return spec;
    }

    /** The machine's state now: verdict, retries, running, skipped count. */
    public synchronized CheckState state() {
        return state;
    }

    /** The outcome of the last finished check ({@code INI} before the first). */
    public synchronized CheckResult lastResult() {
        return lastResult;
    }

    synchronized void start(Duration spread) {
        CheckStep step = machine.start(monitor.now(), spread);
        state = step.state();
        monitor.events().publish(target, state.health(), CheckResult.initial());
        perform(step);
    }

    private synchronized void apply(CheckEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof CheckEvent.Finished(CheckResult result)) {
            lastResult = result;
            if (!result.passed()) {
                log.debug("{}: {} (retry {}/{})", target, result, state.retriesDone(), spec.timing().retry());
            }
        }
        CheckStep step = machine.on(state, event, monitor.now());
        state = step.state();
        perform(step);
    }

    private void perform(CheckStep step) {
        for (CheckAction action : step.actions()) {
            switch (action) {
                case CheckAction.StartCheck start -> Thread.ofVirtual().name("check " + target).start(this::runCheck);
                case CheckAction.WakeAt(Instant at) -> wakeAt(at);
                case CheckAction.Transition(Health to, CheckResult cause, Feedback feedback) -> {
                    log.info("{} is now {}{}: {}", target, to, feedback.isEmpty() ? "" : " (" + feedback + ")", cause);
                    monitor.events().publish(target, to, cause, feedback);
                }
                case CheckAction.SkipOverrun(Duration runningFor) -> log.warn(
                        "{}: check skipped, the previous one has been running for {} ms, longer than delay_loop {} ms"
                                + " ({} skipped so far)",
                        target, runningFor.toMillis(), spec.timing().delayLoop().toMillis(), state.skipped());
            }
        }
    }

    private void runCheck() {
        CheckResult result;
        long started = System.nanoTime();
        try {
            result = checker.check();
        } catch (RuntimeException e) {
            // a checker bug must not wedge the machine in "running" forever
            result = new CheckResult(CheckStatus.UNK, e.toString(), Duration.ofNanos(System.nanoTime() - started));
        }
        apply(new CheckEvent.Finished(result));
    }

    private void wakeAt(Instant at) {
        if (pendingWake != null) {
            pendingWake.cancel(false);
        }
        long delayNanos = Math.max(0, Duration.between(monitor.now(), at).toNanos());
        pendingWake = timer.schedule(() -> apply(new CheckEvent.Due(at)), delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (pendingWake != null) {
                pendingWake.cancel(false);
            }
        }
        monitor.unwatch(this);
    }
}
