package org.bascule.config.keepalived;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The health checkers keepalived 2.2 documents (keepalived.conf(5), "healthcheckers"), with
 * whether Bascule runs them (DESIGN.md: bascule-health has TCP, HTTP/SSL GET, MISC, ICMP and
 * DNS). The others are parsed, kept in the model and reported as unsupported.
 */
public enum CheckerKind {
    TCP_CHECK(true),
    HTTP_GET(true),
    SSL_GET(true),
    MISC_CHECK(true),
    PING_CHECK(true),
    DNS_CHECK(true),
    SMTP_CHECK(false),
    UDP_CHECK(false),
    FILE_CHECK(false),
    BFD_CHECK(false);

    private final boolean supported;

    CheckerKind(boolean supported) {
        this.supported = supported;
    }

    /** The block keyword, e.g. {@code HTTP_GET}. */
    public String keyword() {
        return name();
    }

    /** True when Bascule can run this checker. */
    public boolean supported() {
        return supported;
    }

    /** The kind whose keyword is {@code keyword}. */
    public static Optional<CheckerKind> of(String keyword) {
        return Arrays.stream(values()).filter(k -> k.name().equals(keyword)).findFirst();
    }

    /** The keywords of the kinds Bascule runs, for messages. */
    public static List<String> supportedKeywords() {
        return Arrays.stream(values()).filter(CheckerKind::supported).map(CheckerKind::keyword).toList();
    }
}
