package org.bascule.health;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A script keepalived runs on an event ({@code notify_up}, {@code notify_down},
 * {@code quorum_up}, {@code quorum_down}): a shell line and who runs it.
 */
public record Script(String command, Optional<ScriptUser> user) {

    public Script {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
        if (command.isBlank()) {
            throw new IllegalArgumentException("script: empty (expected: a command)");
        }
    }

    public static Script of(String command) {
        return new Script(command, Optional.empty());
    }

    /** Runs it and waits at most {@code timeout}; see {@link ScriptRunner}. */
    public ScriptRunner.Ending run(Duration timeout) throws IOException {
        return ScriptRunner.run(command, user, timeout);
    }

    @Override
    public String toString() {
        return command + user.map(u -> " (as " + u.user() + u.group().map(g -> ":" + g).orElse("") + ")").orElse("");
    }
}
