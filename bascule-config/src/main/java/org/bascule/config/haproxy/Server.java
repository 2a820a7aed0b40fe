package org.bascule.config.haproxy;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * A {@code server NAME ADDRESS[:PORT] [options]} line of a backend.
 *
 * @param name    unique within its backend
 * @param address where to connect; a port of 0 (or none) means the client's destination port
 * @param pos     the server line
 * @param options the line's options on top of {@code default-server}
 */
public record Server(String name, Endpoint address, SourcePos pos, ServerOptions options) {

    public Server {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(options, "options");
    }
}
