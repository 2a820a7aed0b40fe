package org.bascule.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command ({@code ip netns ...}, {@code ip addr ...}) for the demo and the
 * namespace tests, never waiting longer than a bound: a hung command is killed and reported.
 */
public final class BoundedCommand {

    private BoundedCommand() {
    }

    /**
     * The command's output (stderr merged), or an {@link IOException} naming the command with its
     * exit status and output, or the bound it overran.
     */
    public static String run(Duration bound, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": still running after " + bound.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    /** Same, for clean-up paths: the output, or "" when the command failed. */
    public static String tryRun(Duration bound, String... cmd) {
        try {
            return run(bound, cmd);
        } catch (IOException e) {
            return "";
        }
    }
}
