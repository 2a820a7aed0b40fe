package org.bascule.vrrp.io;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded} as it is applied:
 * {@code IP/PREFIX dev IF [scope S] [label L]}.
 *
 * @param scope rtnetlink scope: 0 global, 200 site, 253 link, 254 host, 255 nowhere
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, int scope, Optional<String> label) {

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(label, "label");
    }

    /** The rtnetlink scope number of a keepalived scope word. */
    public static int scopeOf(String word) {
        return switch (word) {
            case "global" -> 0;
            case "site" -> 200;
            case "link" -> 253;
            case "host" -> 254;
            case "nowhere" -> 255;
            default -> throw new IllegalArgumentException("scope: '" + word + "' (expected: global, site, link, host or nowhere)");
        };
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + device + label.map(l -> " label " + l).orElse("");
    }
}
