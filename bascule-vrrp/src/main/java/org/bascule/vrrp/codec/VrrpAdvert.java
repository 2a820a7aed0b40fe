package org.bascule.vrrp.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement (RFC 3768 §5.3, RFC 5798 §5.2): the only message type VRRP has.
 *
 * @param version        2 or 3
 * @param vrid           Virtual Rtr ID, 1..255
 * @param priority       0 (master resigns), 1..254, 255 (address owner)
 * @param advertInterval Adver Int: whole seconds 1..255 in v2, centiseconds 1..4095 in v3
 * @param addresses      the virtual addresses, all IPv4 or all IPv6 (IPv6 only in v3)
 * @param auth           v2 authentication; {@link AdvertAuth.None} in v3
 */
public record VrrpAdvert(
        VrrpVersion version,
        int vrid,
        int priority,
        Duration advertInterval,
        List<InetAddress> addresses,
        AdvertAuth auth) {

    /** The priority a master sends when it stops (RFC 5798 §6.4.3, "Shutdown"). */
    public static final int PRIORITY_RESIGN = 0;
    /** The priority of the router owning the virtual addresses (RFC 5798 §5.2.4). */
    public static final int PRIORITY_OWNER = 255;

    public VrrpAdvert {
        Objects.requireNonNull(version, "version");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("vrid: " + vrid + " (expected: 1-255)");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: 0-255)");
        }
        Objects.requireNonNull(advertInterval, "advertInterval");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(auth, "auth");
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("addresses: " + addresses.size() + " (expected: at most 255)");
        }
        boolean v4 = addresses.isEmpty() || addresses.getFirst() instanceof Inet4Address;
        if (addresses.stream().anyMatch(a -> (a instanceof Inet4Address) != v4)) {
            throw new IllegalArgumentException("addresses: IPv4 and IPv6 mixed (expected: one family per advert)");
        }
        switch (version) {
            case V2 -> {
                if (!v4) {
                    throw new IllegalArgumentException("addresses: IPv6 in a VRRPv2 advert (expected: IPv4; RFC 3768)");
                }
                long s = advertInterval.toMillis();
                if (s % 1000 != 0 || s < 1000 || s > 255_000) {
                    throw new IllegalArgumentException("advertInterval: " + advertInterval + " (expected: 1-255 whole seconds in v2)");
                }
            }
            case V3 -> {
                long ms = advertInterval.toMillis();
                if (ms % 10 != 0 || ms < 10 || ms > 40_950) {
                    throw new IllegalArgumentException("advertInterval: " + advertInterval + " (expected: 1-4095 centiseconds in v3)");
                }
                if (!(auth instanceof AdvertAuth.None)) {
                    throw new IllegalArgumentException("auth: " + auth + " (expected: none in v3; RFC 5798 removed it)");
                }
            }
        }
    }

    /** The Adver Int field as on the wire: seconds (v2) or centiseconds (v3). */
    public int advertIntervalField() {
        return switch (version) {
            case V2 -> (int) advertInterval.toSeconds();
            case V3 -> (int) (advertInterval.toMillis() / 10);
        };
    }

    /** True when the advert carries IPv6 addresses (VRRPv3 for IPv6, RFC 5798 §5.2.9). */
    public boolean isIpv6() {
        return !addresses.isEmpty() && !(addresses.getFirst() instanceof Inet4Address);
    }
}
