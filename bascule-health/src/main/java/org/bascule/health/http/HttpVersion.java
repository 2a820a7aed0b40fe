package org.bascule.health.http;

/**
 * keepalived's {@code http_protocol}: which request line and whether to ask the server to
 * close ({@code check_http.c request_template}).
 */
public enum HttpVersion {
    /** {@code GET ... HTTP/1.0}, no Connection header (keepalived's default). */
    HTTP_1_0("1.0", 0, false),
    /** {@code GET ... HTTP/1.0} with {@code Connection: close} ({@code http_protocol 1.0C}). */
    HTTP_1_0C("1.0C", 0, true),
    /** {@code GET ... HTTP/1.1} with {@code Connection: close}. */
    HTTP_1_1("1.1", 1, true);

    private final String keyword;
    private final int minor;
    private final boolean close;

    HttpVersion(String keyword, int minor, boolean close) {
        this.keyword = keyword;
        this.minor = minor;
        this.close = close;
    }

    /** The {@code http_protocol} word, case-insensitively ({@code 1.0c} is accepted as keepalived does). */
    public static HttpVersion fromKeyword(String word) {
        for (HttpVersion v : values()) {
            if (v.keyword.equalsIgnoreCase(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("http_protocol: " + word + " (expected: 1.0, 1.0C or 1.1)");
    }

    public String keyword() {
        return keyword;
    }

    int minor() {
        return minor;
    }

    boolean close() {
        return close;
    }
}
