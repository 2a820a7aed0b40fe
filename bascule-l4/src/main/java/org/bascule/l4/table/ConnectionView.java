package org.bascule.l4.table;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One entry of the connection table as {@code ipvsadm -Lnc} prints it ({@code /proc/net/ip_vs_conn}):
 * protocol, seconds until the entry expires, IPVS's state name ({@code ESTABLISHED},
 * {@code TIME_WAIT} for TCP, {@code UDP} for a UDP flow), the client, the virtual service
 * address and the real server.
 */
public record ConnectionView(
        L4Protocol protocol,
        long expiresInSeconds,
        String state,
        InetSocketAddress client,
        InetSocketAddress virtual,
        InetSocketAddress destination) {

    public ConnectionView {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(virtual, "virtual");
        Objects.requireNonNull(destination, "destination");
        expiresInSeconds = Math.max(0, expiresInSeconds);
    }
}
