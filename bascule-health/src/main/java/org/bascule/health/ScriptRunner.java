package org.bascule.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs a keepalived script line ({@code misc_path}, {@code notify_up}, {@code quorum_down} ...)
 * through {@code /bin/sh -c}, so quoting, arguments and redirections mean what they mean in a
 * shell, with a time limit. When the limit passes the script and everything it started are
 * killed (SIGTERM, then SIGKILL a second later), as keepalived kills an overrunning MISC_CHECK.
 * As root, a {@link ScriptUser} is honoured through util-linux {@code setpriv}; otherwise the
 * script runs as Bascule's own user. Output is discarded: a script talks through its exit status.
 */
public final class ScriptRunner {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private ScriptRunner() {
    }

    /** How a script ended: its exit status, or nothing when it was killed for running too long. */
    public record Ending(OptionalInt exitStatus, Duration took) {
        public boolean timedOut() {
            return exitStatus.isEmpty();
        }
    }

    /** The command line that runs {@code script} as {@code user} (when root) through the shell. */
    public static List<String> commandLine(String script, Optional<ScriptUser> user) {
        List<String> cmd = new ArrayList<>();
        if (user.isPresent() && ROOT) {
            if (!Files.isExecutable(SETPRIV)) {
                throw new IllegalStateException("user " + user.get().user() + ": " + SETPRIV
                        + " (util-linux) is needed to run scripts as another user");
            }
            cmd.add(SETPRIV.toString());
            cmd.add("--reuid=" + user.get().user());
            cmd.add("--regid=" + user.get().group().orElseGet(() -> primaryGroup(user.get().user())));
            cmd.add("--init-groups");
            cmd.add("--");
        }
        cmd.add("/bin/sh");
        cmd.add("-c");
        cmd.add(script);
        return cmd;
    }

    /**
     * Runs {@code script} and waits at most {@code timeout}.
     *
     * @throws IOException when the shell cannot be started at all
     */
    public static Ending run(String script, Optional<ScriptUser> user, Duration timeout) throws IOException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(commandLine(script, user))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                return new Ending(OptionalInt.of(process.exitValue()), since(started));
            }
            kill(process);
            return new Ending(OptionalInt.empty(), since(started));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Ending(OptionalInt.empty(), since(started));
        }
    }

    /** SIGTERM to the script and its descendants, SIGKILL to whatever is left after a second. */
    private static void kill(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillThere) {
                p.destroyForcibly();
            }
        }
    }

    private static String primaryGroup(String user) {
        try {
            Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes()).strip();
            if (id.waitFor(5, TimeUnit.SECONDS) && id.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
            throw new IllegalArgumentException("user: " + user + " (expected: a known user; id says: " + out + ")");
        } catch (IOException e) {
            throw new IllegalStateException("id -gn " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up " + user, e);
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
