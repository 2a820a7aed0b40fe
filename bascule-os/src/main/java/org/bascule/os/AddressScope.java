package org.bascule.os;

import java.util.Arrays;
import java.util.Locale;

/**
 * The scope of an address or route ({@code rtnetlink.h} {@code RT_SCOPE_*}), as keepalived's
 * {@code virtual_ipaddress} option {@code scope global|site|link|host|nowhere} names it.
 */
public enum AddressScope {
    GLOBAL(0),
    SITE(200),
    LINK(253),
    HOST(254),
    NOWHERE(255);

    private final int value;

    AddressScope(int value) {
        this.value = value;
    }

    /** The kernel's number: 0 global ("universe"), 253 link, 254 host. */
    public int value() {
        return value;
    }

    /** {@code global} (alias {@code universe}), {@code site}, {@code link}, {@code host}, {@code nowhere}, or the number. */
    public static AddressScope parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("universe")) {
            return GLOBAL;
        }
        for (AddressScope s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(t) || String.valueOf(s.value).equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scope: '" + text + "' (expected: one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT) + " or their numbers)");
    }

    static AddressScope of(int value) {
        for (AddressScope s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        // other numbers are legal in the kernel but unused; the nearest narrower name is the honest one
        return value < 200 ? GLOBAL : value < 253 ? SITE : NOWHERE;
    }
}
