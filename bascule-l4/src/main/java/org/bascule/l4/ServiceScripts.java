package org.bascule.l4;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bascule.health.Script;
import org.bascule.health.ScriptRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one virtual service's notify and quorum scripts ({@code notify_up}, {@code notify_down},
 * {@code quorum_up}, {@code quorum_down}) one after the other, in the order the events happened,
 * on a virtual thread: never under the service's lock, never two at once, so a
 * {@code quorum_down} cannot overtake the {@code notify_down} that caused it. Each script has
 * {@link #LIMIT} to finish, then it is killed.
 */
final class ServiceScripts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceScripts.class);

    /** How long one script may run. keepalived does not bound notify scripts; a stuck one must not block the rest. */
    static final Duration LIMIT = Duration.ofSeconds(60);

    private final Supplier<String> service;
    private final ExecutorService runner;

    /** @param service names the service in logs, asked each time (the port is known only once bound) */
    ServiceScripts(Supplier<String> service) {
        this.service = service;
        this.runner = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("service scripts").factory());
    }

    /** Queues {@code script}; {@code why} names the event in the log ("quorum_down", "notify_up of 10.0.0.2:80"). */
    void run(Script script, String why) {
        String service = this.service.get();
        log.info("{}: executing [{}] ({})", service, script, why);
        try {
            runner.execute(() -> {
                try {
                    ScriptRunner.Ending end = script.run(LIMIT);
                    if (end.timedOut()) {
                        log.warn("{}: {} [{}] killed after {} s", service, why, script, LIMIT.toSeconds());
                    } else if (end.exitStatus().getAsInt() != 0) {
                        log.warn("{}: {} [{}] exited with status {}", service, why, script, end.exitStatus().getAsInt());
                    }
                } catch (IOException | RuntimeException e) {
                    log.error("{}: {} [{}] could not run: {}", service, why, script, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("{}: {} [{}] not run: the service is stopped", service, why, script);
        }
    }

    /** Runs what is queued (at most {@code wait}), then stops. */
    void finish(Duration wait) {
        String service = this.service.get();
        runner.shutdown();
        try {
            if (!runner.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: scripts still running after {} ms; abandoning them", service, wait.toMillis());
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finish(Duration.ZERO);
    }
}
