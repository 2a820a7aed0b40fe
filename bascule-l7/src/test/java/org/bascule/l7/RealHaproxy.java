package org.bascule.l7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's HAProxy 2.6 ({@code /usr/sbin/haproxy}, installed by .ci/run) run in the foreground
 * on a configuration text, for tests that compare Bascule with it side by side. Stopped (and
 * awaited) on close.
 */
final class RealHaproxy implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/haproxy");

    /** The {@code defaults} section most comparisons share: HTTP mode, short timeouts. */
    static final String HTTP_DEFAULTS = """
            defaults
              mode http
              timeout connect 1s
              timeout client 5s
              timeout server 5s
            """;

    private final Process process;
    private final Path log;

    private RealHaproxy(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Skips the calling test, saying why, when HAProxy is not installed. */
    static void assumeInstalled(String withoutIt) {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "haproxy is not installed (apt-get install haproxy): " + withoutIt);
    }

    /** Writes {@code config} to {@code dir/name.cfg} and starts HAProxy on it, its output in {@code dir/name.log}. */
    static RealHaproxy start(Path dir, String name, String config) throws IOException {
        Path cfg = dir.resolve(name + ".cfg");
        Path log = dir.resolve(name + ".log");
        Files.writeString(cfg, config);
        Process p = new ProcessBuilder(BINARY.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new RealHaproxy(p, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What HAProxy printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
