package org.bascule.config.keepalived;

import java.util.Objects;

/**
 * {@code smtp_server HOST [PORT]} in {@code global_defs}: where SMTP alerts go.
 *
 * @param host an IP address or a host name, as written (never resolved while parsing)
 * @param port default 25 (keepalived.conf(5))
 */
public record SmtpServer(String host, int port) {

    /** keepalived's default SMTP port. */
    public static final int DEFAULT_PORT = 25;

    public SmtpServer {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
    }
}
