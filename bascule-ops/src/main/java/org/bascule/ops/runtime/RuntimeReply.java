package org.bascule.ops.runtime;

import java.util.Objects;

/**
 * One reply of the runtime socket: a status (0 for {@code OK}, else the exit status to return),
 * a one-line message (the error, or for {@code OK} an optional warning for standard error), and the body. {@link #format()} and {@link #parse(String)} are the
 * two directions of the wire form described in the package documentation.
 */
public record RuntimeReply(int status, String message, String body) {
    /** Status for input the socket cannot take: unknown command, bad line (as a CLI's usage error). */
    public static final int USAGE = 2;
    /** Status for a command that failed inside. */
    public static final int FAILURE = 1;

    public RuntimeReply {
        if (status < 0 || status > 255) {
            throw new IllegalArgumentException("status: " + status + " (expected: 0-255)");
        }
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(body, "body");
        // The message lives on the status line: it must stay one line.
        message = message.replace('\r', ' ').replace('\n', ' ');
    }

    public static RuntimeReply ok(String body) {
        return new RuntimeReply(0, "", body);
    }

    /** Success with a one-line warning a CLI prints to standard error. */
    public static RuntimeReply ok(String body, String warning) {
        return new RuntimeReply(0, warning, body);
    }

    public static RuntimeReply error(int status, String message) {
        if (status == 0) {
            throw new IllegalArgumentException("status: 0 (expected: 1-255 for an error)");
        }
        return new RuntimeReply(status, message, "");
    }

    public boolean isOk() {
        return status == 0;
    }

    /** The wire form: status line, then the body. */
    public String format() {
        String ok = message.isEmpty() ? "OK" : "OK " + message;
        return (status == 0 ? ok + "\n" : "ERR " + status + " " + message + "\n") + body;
    }

    /** Reads the wire form; throws {@link IllegalArgumentException} when the status line is not one. */
    public static RuntimeReply parse(String text) {
        int lf = text.indexOf('\n');
        String statusLine = lf < 0 ? text : text.substring(0, lf);
        String body = lf < 0 ? "" : text.substring(lf + 1);
        if (statusLine.equals("OK")) {
            return new RuntimeReply(0, "", body);
        }
        if (statusLine.startsWith("OK ")) {
            return new RuntimeReply(0, statusLine.substring(3), body);
        }
        if (statusLine.startsWith("ERR ")) {
            int space = statusLine.indexOf(' ', 4);
            String code = space < 0 ? statusLine.substring(4) : statusLine.substring(4, space);
            if (!code.isEmpty() && code.length() <= 3 && code.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int status = Integer.parseInt(code);
                if (status >= 1 && status <= 255) {
                    return new RuntimeReply(status, space < 0 ? "" : statusLine.substring(space + 1), body);
                }
            }
        }
        throw new IllegalArgumentException("status line: '" + statusLine + "' (expected: OK [warning] or ERR <1-255> <message>)");
    }
}
