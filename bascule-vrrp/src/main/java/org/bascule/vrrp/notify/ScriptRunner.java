package org.bascule.vrrp.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a script without a shell and waits for it, bounded by a timeout after which it is
 * killed (the process we started, by its handle). Used by notify scripts and vrrp_script.
 */
public final class ScriptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    private ScriptRunner() {
    }

    /** The exit status, or empty when it could not start or ran past {@code timeout}. */
    public static OptionalInt run(List<String> argv, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warn("cannot run {}: {}", argv, e.getMessage());
            return OptionalInt.empty();
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} still running after {} ms: killed", argv, timeout.toMillis());
                p.destroyForcibly();
                return OptionalInt.empty();
            }
            return OptionalInt.of(p.exitValue());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
