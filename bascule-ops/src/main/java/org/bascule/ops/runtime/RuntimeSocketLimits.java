package org.bascule.ops.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one client may cost the server.
 *
 * @param maxLineBytes   longest request, LF included (HAProxy's CLI takes lines of {@code tune.bufsize})
 * @param readTimeout    time from accept to a complete command line; then the client gets {@code ERR 2}
 * @param writeTimeout   time to deliver the reply to a client that does not read; then the connection is dropped
 * @param maxConnections connections served at once; one more is answered {@code ERR 2} and closed
 */
public record RuntimeSocketLimits(int maxLineBytes, Duration readTimeout, Duration writeTimeout, int maxConnections) {

    /** 4 KiB lines, 5 s to send one, 10 s to take the reply, 64 clients at once. */
    public static final RuntimeSocketLimits DEFAULTS =
            new RuntimeSocketLimits(4096, Duration.ofSeconds(5), Duration.ofSeconds(10), 64);

    public RuntimeSocketLimits {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes: " + maxLineBytes + " (expected: >= 16)");
        }
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout: " + readTimeout + " (expected: > 0)");
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout: " + writeTimeout + " (expected: > 0)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
    }

    public RuntimeSocketLimits withReadTimeout(Duration readTimeout) {
        return new RuntimeSocketLimits(maxLineBytes, readTimeout, writeTimeout, maxConnections);
    }

    public RuntimeSocketLimits withMaxLineBytes(int maxLineBytes) {
        return new RuntimeSocketLimits(maxLineBytes, readTimeout, writeTimeout, maxConnections);
    }

    public RuntimeSocketLimits withMaxConnections(int maxConnections) {
        return new RuntimeSocketLimits(maxLineBytes, readTimeout, writeTimeout, maxConnections);
    }
}
