package org.bascule.l7;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout whose deadline moves with every request or read and almost never expires (the
 * client idle timeouts, {@code timeout server}). Moving it only writes a field: the one scheduled
 * task, when it comes due early, re-schedules itself for what is left. Scheduling and cancelling
 * a task per request cost a priority-queue insert and removal each on the event loop.
 * Event-loop confined, like the handler that owns it.
 */
final class LazyTimer {

    private final EventExecutor executor;
    private final Runnable onExpiry;
    private final Runnable check = this::fired;
    private ScheduledFuture<?> task;
    private long taskAt;
    private long deadline;
    private boolean armed;

    /** {@code onExpiry} runs on {@code executor} when the deadline passes while armed. */
    LazyTimer(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Sets the deadline {@code nanos} from now. A task is scheduled only when none is due before it. */
    void arm(long nanos) {
        long at = System.nanoTime() + nanos;
        deadline = at;
        armed = true;
        if (task != null && taskAt - at <= 0) {
            return; // the pending task fires first and re-arms for the rest
        }
        if (task != null) {
            task.cancel(false); // a shorter timeout than the pending one (e.g. http-keep-alive < http-request)
        }
        schedule(at, nanos);
    }

    boolean armed() {
        return armed;
    }

    /** No deadline any more; a pending task finds it so and does nothing. */
    void disarm() {
        armed = false;
    }

    /** Disarms and drops the pending task, so it does not hold its owner until it is due (a closed connection). */
    void cancel() {
        armed = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(long at, long delayNanos) {
        taskAt = at;
        task = executor.schedule(check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fired() {
        task = null;
        if (!armed) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(deadline, left);
            return;
        }
        armed = false;
        onExpiry.run();
    }
}
