package org.bascule.config;

/**
 * How bad a {@link Diagnostic} is. An {@link #ERROR} makes the daemon refuse the file (a reload
 * keeps the running configuration); a {@link #WARNING} is printed and the file is used, unless
 * {@code bascule check --strict} is asked for.
 */
public enum Severity {
    /** The configuration cannot be used as written. */
    ERROR("error"),
    /** The configuration is usable but probably not what was meant (keepalived would log it too). */
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed after the position: {@code error} or {@code warning}. */
    public String label() {
        return label;
    }
}
