package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The {@code brd} of a virtual/static address: an address, or {@code +}/{@code -} to set or
 * clear the host bits of the address (keepalived.conf(5), as {@code ip address add}).
 */
public sealed interface Broadcast {

    /** {@code brd 192.168.2.255}. */
    record Address(InetAddress address) implements Broadcast {
        public Address {
            Objects.requireNonNull(address, "address");
        }
    }

    /** {@code brd +} (set the host bits) or {@code brd -} (clear them). */
    record HostBits(boolean set) implements Broadcast {
    }
}
