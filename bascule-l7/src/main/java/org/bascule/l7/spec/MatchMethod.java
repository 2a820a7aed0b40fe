package org.bascule.l7.spec;

/**
 * How a string sample is compared with an ACL's patterns: HAProxy's {@code -m} methods, also
 * implied by the fetch's suffix ({@code path_beg} = {@code path -m beg}).
 */
public enum MatchMethod {
    /** {@code -m str}, {@code path}, {@code hdr(name)}: equal to one pattern. */
    EXACT,
    /** {@code -m beg}, {@code path_beg}, {@code hdr_beg}: starts with one pattern. */
    BEGIN,
    /** {@code -m end}, {@code path_end}, {@code hdr_end}: ends with one pattern. */
    END,
    /** {@code -m sub}, {@code path_sub}, {@code hdr_sub}: contains one pattern. */
    SUB,
    /** {@code -m dir}, {@code path_dir}: one pattern is a whole '/'-delimited segment. */
    DIR,
    /** {@code -m dom}, {@code hdr_dom}: one pattern is a whole '.'-delimited label run. */
    DOM,
    /** {@code -m reg}, {@code path_reg}, {@code hdr_reg}: a pattern (a Java regex) is found. */
    REGEX,
    /** {@code -m found}, {@code hdr_cnt gt 0}: the sample exists (no patterns). */
    FOUND
}
