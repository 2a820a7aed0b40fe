package org.bascule.config.haproxy;

import java.util.Optional;

/** The {@code timeout} kinds of HAProxy 2.6 and the side they apply to (configuration.txt 4.2). */
public enum TimeoutKind {
    CLIENT("client", true, false),
    CLIENT_FIN("client-fin", true, false),
    HTTP_REQUEST("http-request", true, true),
    HTTP_KEEP_ALIVE("http-keep-alive", true, true),
    TARPIT("tarpit", true, true),
    CONNECT("connect", false, true),
    SERVER("server", false, true),
    SERVER_FIN("server-fin", false, true),
    QUEUE("queue", false, true),
    TUNNEL("tunnel", false, true),
    CHECK("check", false, true);

    private final String keyword;
    private final boolean frontend;
    private final boolean backend;

    TimeoutKind(String keyword, boolean frontend, boolean backend) {
        this.keyword = keyword;
        this.frontend = frontend;
        this.backend = backend;
    }

    public String keyword() {
        return keyword;
    }

    /** True when a frontend uses it. */
    public boolean frontend() {
        return frontend;
    }

    /** True when a backend uses it. */
    public boolean backend() {
        return backend;
    }

    public static Optional<TimeoutKind> of(String keyword) {
        for (TimeoutKind k : values()) {
            if (k.keyword.equals(keyword)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
