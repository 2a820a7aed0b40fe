package org.bascule.l7.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * HAProxy's {@code timeout <name> <time>} directives. A frontend reads {@code client},
 * {@code http-request}, {@code http-keep-alive}; a backend reads {@code connect}, {@code server},
 * {@code queue}, {@code check}; {@code tunnel} applies once a connection is upgraded. Empty means
 * the directive was not given (HAProxy then waits forever and warns; Bascule does the same).
 *
 * @param connect        {@code timeout connect}: to establish a server connection
 * @param client         {@code timeout client}: client inactivity
 * @param server         {@code timeout server}: server inactivity (waiting for a response)
 * @param httpRequest    {@code timeout http-request}: to receive a whole request head (slowloris)
 * @param httpKeepAlive  {@code timeout http-keep-alive}: idle between requests on a kept-alive
 *                       client connection (falls back to {@code http-request}, then {@code client})
 * @param queue          {@code timeout queue}: a request waiting for a server slot ({@code maxconn})
 * @param check          {@code timeout check}: extra read timeout of a health check
 * @param tunnel         {@code timeout tunnel}: both sides after a WebSocket/CONNECT upgrade
 * @param clientFin      {@code timeout client-fin}: client inactivity once a tunnel or mode tcp
 *                       connection is half-closed (else the timeout in force goes on)
 * @param serverFin      {@code timeout server-fin}: the same on the server side
 */
public record Timeouts(
        Optional<Duration> connect,
        Optional<Duration> client,
        Optional<Duration> server,
        Optional<Duration> httpRequest,
        Optional<Duration> httpKeepAlive,
        Optional<Duration> queue,
        Optional<Duration> check,
        Optional<Duration> tunnel,
        Optional<Duration> clientFin,
        Optional<Duration> serverFin) {

    public static final Timeouts NONE = new Timeouts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Timeouts {
        connect.ifPresent(d -> Require.positive(d, "timeout connect"));
        client.ifPresent(d -> Require.positive(d, "timeout client"));
        server.ifPresent(d -> Require.positive(d, "timeout server"));
        httpRequest.ifPresent(d -> Require.positive(d, "timeout http-request"));
        httpKeepAlive.ifPresent(d -> Require.positive(d, "timeout http-keep-alive"));
        queue.ifPresent(d -> Require.positive(d, "timeout queue"));
        check.ifPresent(d -> Require.positive(d, "timeout check"));
        tunnel.ifPresent(d -> Require.positive(d, "timeout tunnel"));
        clientFin.ifPresent(d -> Require.positive(d, "timeout client-fin"));
        serverFin.ifPresent(d -> Require.positive(d, "timeout server-fin"));
    }

    /** The common {@code defaults} of a small site: connect 5 s, client/server 30 s, http-request 10 s. */
    public static Timeouts typical() {
        return new Timeouts(Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(30)),
                Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(10)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Timeouts withConnect(Duration d) {
        return new Timeouts(Optional.of(d), client, server, httpRequest, httpKeepAlive, queue, check, tunnel, clientFin, serverFin);
    }

    public Timeouts withClient(Duration d) {
        return new Timeouts(connect, Optional.of(d), server, httpRequest, httpKeepAlive, queue, check, tunnel, clientFin, serverFin);
    }

    public Timeouts withServer(Duration d) {
        return new Timeouts(connect, client, Optional.of(d), httpRequest, httpKeepAlive, queue, check, tunnel, clientFin, serverFin);
    }

    public Timeouts withHttpRequest(Duration d) {
        return new Timeouts(connect, client, server, Optional.of(d), httpKeepAlive, queue, check, tunnel, clientFin, serverFin);
    }

    public Timeouts withHttpKeepAlive(Duration d) {
        return new Timeouts(connect, client, server, httpRequest, Optional.of(d), queue, check, tunnel, clientFin, serverFin);
    }

    public Timeouts withQueue(Duration d) {
        return new Timeouts(connect, client, server, httpRequest, httpKeepAlive, Optional.of(d), check, tunnel, clientFin, serverFin);
    }

    public Timeouts withTunnel(Duration d) {
        return new Timeouts(connect, client, server, httpRequest, httpKeepAlive, queue, check, Optional.of(d), clientFin, serverFin);
    }

    public Timeouts withClientFin(Duration d) {
        return new Timeouts(connect, client, server, httpRequest, httpKeepAlive, queue, check, tunnel, Optional.of(d), serverFin);
    }

    public Timeouts withServerFin(Duration d) {
        return new Timeouts(connect, client, server, httpRequest, httpKeepAlive, queue, check, tunnel, clientFin, Optional.of(d));
    }
}
