package org.bascule.os;

import java.util.Locale;

/** A route's type ({@code rtnetlink.h} {@code RTN_*}), as keepalived's {@code virtual_routes} spells them. */
public enum RouteType {
    UNICAST(1),
    LOCAL(2),
    BROADCAST(3),
    ANYCAST(4),
    MULTICAST(5),
    BLACKHOLE(6),
    UNREACHABLE(7),
    PROHIBIT(8),
    THROW(9);

    private final int value;

    RouteType(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }

    static RouteType of(int value) {
        for (RouteType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("route type: " + value + " (expected: 1-9)");
    }

    public static RouteType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route type: '" + text + "' (expected: unicast, local, broadcast, anycast,"
                    + " multicast, blackhole, unreachable, prohibit or throw)", e);
        }
    }
}
