package org.bascule.os;

import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An address on an interface, what {@code ip addr} lists and keepalived's
 * {@code virtual_ipaddress} adds: {@code 10.0.0.1/24 dev eth0 scope global label eth0:vip}.
 *
 * @param linkIndex    the interface's index
 * @param address      the address (IPv4 or IPv6)
 * @param prefixLength 0-32 or 0-128
 * @param label        the IPv4 label ({@code eth0:1}); it must start with the interface name
 * @param scope        {@link AddressScope#GLOBAL} unless said otherwise
 * @param flags        e.g. {@link AddressFlag#NODAD} for an IPv6 VIP
 */
public record LinkAddress(int linkIndex, InetAddress address, int prefixLength, Optional<String> label,
        AddressScope scope, Set<AddressFlag> flags) {

    public LinkAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(flags, "flags");
        if (linkIndex <= 0) {
            throw new IllegalArgumentException("interface index: " + linkIndex + " (expected: > 0)");
        }
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length: " + prefixLength + " (expected: 0-" + max + ")");
        }
        if (label.isPresent() && (label.get().isEmpty() || label.get().length() > 15)) {
            throw new IllegalArgumentException("label: '" + label.get() + "' (expected: 1-15 characters)");
        }
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /** {@code address/prefixLength} on the link, global scope, no label, no flags. */
    public static LinkAddress of(int linkIndex, InetAddress address, int prefixLength) {
        return new LinkAddress(linkIndex, address, prefixLength, Optional.empty(), AddressScope.GLOBAL, Set.of());
    }

    public LinkAddress withLabel(String label) {
        return new LinkAddress(linkIndex, address, prefixLength, Optional.of(label), scope, flags);
    }

    public LinkAddress withScope(AddressScope scope) {
        return new LinkAddress(linkIndex, address, prefixLength, label, scope, flags);
    }

    public LinkAddress withFlags(Set<AddressFlag> flags) {
        return new LinkAddress(linkIndex, address, prefixLength, label, scope, flags);
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    /** Same interface, address and prefix: what the kernel matches when deleting. */
    public boolean sameAs(LinkAddress other) {
        return linkIndex == other.linkIndex && address.equals(other.address) && prefixLength == other.prefixLength;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev#" + linkIndex + " scope "
                + scope.name().toLowerCase(java.util.Locale.ROOT) + label.map(l -> " label " + l).orElse("")
                + (flags.isEmpty() ? "" : " " + flags);
    }
}
