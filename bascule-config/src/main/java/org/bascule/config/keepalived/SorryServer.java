package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code sorry_server IP [PORT]}: the server that takes all traffic when the quorum is lost.
 *
 * @param port       the port written, else the virtual server's port (ipwrapper.c)
 * @param inhibit    {@code sorry_server_inhibit}
 * @param forwarding {@code sorry_server_lvs_method}, else the virtual server's
 */
public record SorryServer(SourcePos pos, InetAddress address, int port, boolean inhibit, Forwarding forwarding) {

    public SorryServer {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
    }
}
