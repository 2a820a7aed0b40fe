package org.bascule.l7;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a hashing algorithm may key on: the client address ({@code balance source}), the request
 * path and query ({@code balance uri}) and headers ({@code balance hdr(name)}). In mode tcp only
 * the client is known.
 */
public record PickKey(InetAddress client, String path, String query, Function<String, Optional<String>> header) {

    public static PickKey tcp(InetAddress client) {
        return new PickKey(client, "", "", h -> Optional.empty());
    }
}
