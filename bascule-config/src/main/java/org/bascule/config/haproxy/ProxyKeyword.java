package org.bascule.config.haproxy;

import java.util.Objects;

/**
 * One keyword of the proxy sections, as data (STYLE.md rule 8): where it may be written (the
 * columns of HAProxy's keyword matrix, configuration.txt section 4.1), what it looks like and
 * the handler that applies it.
 *
 * @param name     the keyword
 * @param where    the sections it is valid in: letters D (defaults), F (frontend), L (listen),
 *                 B (backend); lower-case d means "named defaults only"
 * @param usage    how it is written, for messages
 * @param handler  applies one line to the proxy being built; null for a keyword kept as a
 *                 {@link Setting} without interpretation
 */
record ProxyKeyword(String name, String where, String usage, Handler handler) {

    /** Applies one statement. */
    @FunctionalInterface
    interface Handler {
        void apply(ProxySection section, ProxyBuilder proxy, ConfigLine line);
    }

    ProxyKeyword {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(usage, "usage");
    }

    /** True when the keyword may appear in a section of {@code kind} (named or not, for defaults). */
    boolean allowedIn(ProxyKind kind, boolean named) {
        return switch (kind) {
            case DEFAULTS -> where.contains("D") || (named && where.contains("d"));
            case FRONTEND -> where.contains("F");
            case LISTEN -> where.contains("L");
            case BACKEND -> where.contains("B");
        };
    }

    /** True when the keyword needs a frontend (F or L only). */
    boolean frontendOnly() {
        return where.contains("F") && !where.contains("B");
    }

    /** True when the keyword needs a backend (B or L only). */
    boolean backendOnly() {
        return where.contains("B") && !where.contains("F");
    }
}
