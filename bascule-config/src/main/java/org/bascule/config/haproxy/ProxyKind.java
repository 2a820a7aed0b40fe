package org.bascule.config.haproxy;

/**
 * The kinds of proxy section (configuration.txt section 4): a {@code frontend} accepts client
 * connections, a {@code backend} holds servers, a {@code listen} is both, and a {@code defaults}
 * section holds the settings the following proxies inherit.
 */
public enum ProxyKind {
    DEFAULTS("defaults", false, false),
    FRONTEND("frontend", true, false),
    BACKEND("backend", false, true),
    LISTEN("listen", true, true);

    private final String keyword;
    private final boolean frontend;
    private final boolean backend;

    ProxyKind(String keyword, boolean frontend, boolean backend) {
        this.keyword = keyword;
        this.frontend = frontend;
        this.backend = backend;
    }

    /** The section keyword as written in haproxy.cfg. */
    public String keyword() {
        return keyword;
    }

    /** True when the proxy accepts connections ({@code frontend}, {@code listen}). */
    public boolean isFrontend() {
        return frontend;
    }

    /** True when the proxy has servers ({@code backend}, {@code listen}). */
    public boolean isBackend() {
        return backend;
    }
}
