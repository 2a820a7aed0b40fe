package org.bascule.ops.runtime;

import java.io.IOException;

/**
 * The runtime socket cannot be set up: another daemon holds it, its directory is not safe, or its
 * path is taken by something else. The message says what and where; the daemon should refuse to
 * start with it.
 */
public final class RuntimeSocketException extends IOException {
    public RuntimeSocketException(String message) {
        super(message);
    }

    public RuntimeSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
