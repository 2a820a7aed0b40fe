package org.bascule.os;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 or IPv6, with the kernel's address family number. */
public enum IpFamily {
    INET(2, 4),
    INET6(10, 16);

    private final int af;
    private final int addressLength;

    IpFamily(int af, int addressLength) {
        this.af = af;
        this.addressLength = addressLength;
    }

    /** {@code AF_INET} (2) or {@code AF_INET6} (10). */
    public int af() {
        return af;
    }

    /** 4 or 16 bytes. */
    public int addressLength() {
        return addressLength;
    }

    public static IpFamily of(InetAddress address) {
        return switch (address) {
            case Inet4Address a -> INET;
            case Inet6Address a -> INET6;
            default -> throw new IllegalArgumentException("address: " + address + " (expected: IPv4 or IPv6)");
        };
    }

    static IpFamily ofAf(int af) {
        return switch (af) {
            case 2 -> INET;
            case 10 -> INET6;
            default -> throw new IllegalArgumentException("address family: " + af + " (expected: 2 or 10)");
        };
    }
}
