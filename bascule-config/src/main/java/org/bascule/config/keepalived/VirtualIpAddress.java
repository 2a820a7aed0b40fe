package org.bascule.config.keepalived;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.SourcePos;

/**
 * One line of {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded} (keepalived.conf(5)):
 * {@code IP[/MASK] [brd IP] [dev IF] [scope SCOPE] [label LABEL] [peer IP] [home] [-nodad]
 * [mngtmpaddr] [noprefixroute] [autojoin] [no_track] [use_vmac] [preferred_lft N|forever]
 * [track_group G]}.
 *
 * @param prefixLength the mask; /32 (IPv4) or /128 (IPv6) when not written, as keepalived does
 * @param device       {@code dev}; the instance's interface otherwise
 * @param scope        {@code scope}: site, link, host, nowhere or global
 * @param label        {@code label}, e.g. {@code eth0:1}
 * @param flags        the flag words present: home, -nodad, mngtmpaddr, noprefixroute, autojoin,
 *                     no_track, use_vmac
 */
public record VirtualIpAddress(
        SourcePos pos,
        InetAddress address,
        int prefixLength,
        Optional<Broadcast> broadcast,
        Optional<String> device,
        Optional<String> scope,
        Optional<String> label,
        Optional<InetAddress> peer,
        Set<String> flags,
        Optional<String> preferredLifetime,
        Optional<String> trackGroup) {

    public VirtualIpAddress {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0-" + max + ")");
        }
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(peer, "peer");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(preferredLifetime, "preferredLifetime");
        Objects.requireNonNull(trackGroup, "trackGroup");
    }

    /** {@code address/prefix}, e.g. {@code 192.168.2.9/32}. */
    public String cidr() {
        return Addresses.format(address) + "/" + prefixLength;
    }
}
