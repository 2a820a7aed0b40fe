package org.bascule.ops.ipvsadm;

import java.util.Objects;

/** What one ipvsadm invocation produced: text for standard output, or an error and its exit status. */
public sealed interface IpvsadmOutcome {

    /** Exit status a command-line front end should return: 0, or ipvsadm's status for the error. */
    int exitStatus();

    /**
     * Success: {@code stdout} is exactly what ipvsadm would print, final newline included;
     * {@code warning}, when not empty, is one line for standard error where Bascule serves the
     * request differently from IPVS (DR asked, NAT served).
     */
    record Printed(String stdout, String warning) implements IpvsadmOutcome {
        public Printed {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(warning, "warning");
        }

        /** Output without a warning, which is what ipvsadm itself always does. */
        public Printed(String stdout) {
            this(stdout, "");
        }

        @Override
        public int exitStatus() {
            return 0;
        }
    }

    /** Failure: one line for standard error, without its newline, and a non-zero exit status. */
    record Failed(int exitStatus, String message) implements IpvsadmOutcome {
        public Failed {
            if (exitStatus <= 0 || exitStatus > 255) {
                throw new IllegalArgumentException("exitStatus: " + exitStatus + " (expected: 1-255)");
            }
            Objects.requireNonNull(message, "message");
        }
    }
}
