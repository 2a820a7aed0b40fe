package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a checker connects (keepalived.conf(5), "generic connection options").
 *
 * @param connectIp      {@code connect_ip}, default the real server's address
 * @param connectPort    {@code connect_port}, default the real server's port
 * @param bindTo         {@code bindto}: source address
 * @param bindPort       {@code bind_port}: source port
 * @param bindInterface  {@code bind_if}: needed for an IPv6 link-local bindto
 * @param connectTimeout {@code connect_timeout}, else the real server's, else the virtual
 *                       server's (5 s)
 * @param fwmark         {@code fwmark}: mark put on the checker's packets
 */
public record CheckConnection(
        InetAddress connectIp,
        int connectPort,
        Optional<InetAddress> bindTo,
        OptionalInt bindPort,
        Optional<String> bindInterface,
        Duration connectTimeout,
        OptionalLong fwmark) {

    public CheckConnection {
        Objects.requireNonNull(connectIp, "connectIp");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(bindPort, "bindPort");
        Objects.requireNonNull(bindInterface, "bindInterface");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(fwmark, "fwmark");
    }
}
