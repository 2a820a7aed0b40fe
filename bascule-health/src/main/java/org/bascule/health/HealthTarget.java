package org.bascule.health;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a health verdict is about: one checker of one server, in the context of its owner
 * (keepalived checks a real server once per {@code virtual_server} that lists it, and each of
 * those checks has its own verdict). Equal targets are the same checker.
 *
 * @param owner  who asked for the check, e.g. the virtual service {@code TCP 10.0.0.1:80}
 * @param server the real server the verdict applies to
 * @param check  the checker, {@link CheckSpec#label()} plus an index when a server has several
 */
public record HealthTarget(String owner, InetSocketAddress server, String check) {

    public HealthTarget {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(check, "check");
    }

    @Override
    public String toString() {
        return "[" + server.getAddress().getHostAddress() + "]:" + server.getPort() + " " + check + " of " + owner;
    }
}
