package org.bascule.sched;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a scheduler may know about the connection it places: the client and the virtual
 * service address. {@code rr} and {@code wrr} ignore it; the hashing schedulers ({@code sh},
 * {@code dh}, {@code mh}) will key on it.
 */
public record Flow(InetSocketAddress client, InetSocketAddress service) {

    public Flow {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(service, "service");
    }
}
