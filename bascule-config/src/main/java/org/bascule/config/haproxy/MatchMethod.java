package org.bascule.config.haproxy;

/**
 * How an ACL compares a fetched sample with its patterns ({@code -m} or a fetch suffix such as
 * {@code _beg}: configuration.txt section 7.1.3).
 */
public enum MatchMethod {
    /** Sample exists. */
    FOUND,
    /** Sample is a non-zero integer or true boolean. */
    BOOL,
    /** Integer comparison with ranges or operators ({@code lt 1}). */
    INT,
    /** Address within a network. */
    IP,
    /** Binary content equals a hex pattern. */
    BIN,
    /** Sample length compared as an integer. */
    LEN,
    /** Exact string. */
    STR,
    /** Substring. */
    SUB,
    /** Regular expression. */
    REG,
    /** Prefix. */
    BEG,
    /** Suffix. */
    END,
    /** A slash-delimited path component. */
    DIR,
    /** A dot-delimited domain component. */
    DOM;

    /** The name after {@code -m} or the fetch suffix, e.g. {@code beg}. */
    public String keyword() {
        return name().toLowerCase();
    }
}
