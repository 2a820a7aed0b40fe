package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.config.SourcePos;

/** One line of a {@code virtual_server_group}: an address range with a port, or a fwmark. */
public sealed interface VirtualServerGroupEntry {

    /** Where the line starts. */
    SourcePos pos();

    /**
     * {@code IP [PORT]}, {@code A.B.C.D-E [PORT]}, {@code A.B.C.D-E.F.G.H [PORT]} or
     * {@code IP/LEN [PORT]}; a single address has {@code first == last}.
     */
    record AddressRange(SourcePos pos, InetAddress first, InetAddress last, OptionalInt port)
            implements VirtualServerGroupEntry {
        public AddressRange {
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(port, "port");
        }
    }

    /** {@code fwmark N [inet|inet6]}. */
    record Fwmark(SourcePos pos, long mark, Optional<IpFamily> family) implements VirtualServerGroupEntry {
        public Fwmark {
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(family, "family");
        }
    }
}
