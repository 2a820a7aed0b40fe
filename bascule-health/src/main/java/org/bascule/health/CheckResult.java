package org.bascule.health;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one check run found: its status, a detail for the log ("Connection refused"), how long
 * it took, any {@link Feedback} (weight, administrative state) the server sent with it, and the
 * layer 5-7 code when there is one (the HTTP status of an HTTP check: HAProxy's {@code check_code}).
 * Printed like HAProxy's check logs: {@code L4CON (Connection refused) in 1ms}.
 */
public record CheckResult(CheckStatus status, String detail, Duration took, Feedback feedback, OptionalInt code) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(code, "code");
    }

    /** A result without a layer 5-7 code. */
    public CheckResult(CheckStatus status, String detail, Duration took, Feedback feedback) {
        this(status, detail, took, feedback, OptionalInt.empty());
    }

    /** A result without feedback, what every checker but MISC_CHECK and the agent returns. */
    public CheckResult(CheckStatus status, String detail, Duration took) {
        this(status, detail, took, Feedback.NONE);
    }

    /** The result a target starts with, before any check ran. */
    public static CheckResult initial() {
        return new CheckResult(CheckStatus.INI, "not checked yet", Duration.ZERO);
    }

    public boolean passed() {
        return status.passed();
    }

    @Override
    public String toString() {
        return status.code() + (detail.isEmpty() ? "" : " (" + detail + ")")
                + (feedback.isEmpty() ? "" : " [" + feedback + "]") + " in " + took.toMillis() + "ms";
    }
}
