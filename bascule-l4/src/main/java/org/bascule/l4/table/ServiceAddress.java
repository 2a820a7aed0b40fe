package org.bascule.l4.table;

import java.net.InetSocketAddress;
import java.util.Objects;

/** What identifies a virtual service: protocol + VIP:port, or a firewall mark (keepalived {@code fwmark N}). */
public sealed interface ServiceAddress {

    /** {@code virtual_server IP PORT} with its {@code protocol}. */
    record Endpoint(L4Protocol protocol, InetSocketAddress address) implements ServiceAddress {
        public Endpoint {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
        }
    }

    /** {@code virtual_server fwmark N}. */
    record Fwmark(int mark) implements ServiceAddress {
        public Fwmark {
            if (mark <= 0) {
                throw new IllegalArgumentException("mark: " + mark + " (expected: > 0)");
            }
        }
    }
}
