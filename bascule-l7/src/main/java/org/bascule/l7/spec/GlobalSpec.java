package org.bascule.l7.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code global} section, as far as the proxy uses it.
 *
 * @param maxconn      {@code maxconn}: client connections over all frontends
 * @param statsSockets {@code stats socket <path> [level admin]}: unix sockets of the runtime API
 * @param bufferSize   {@code tune.bufsize}: the largest request or response head accepted
 *                     (16384); larger gets 431 (request) or 502 (response)
 * @param maxHeaders   {@code tune.http.maxhdr}: header lines per message (101)
 * @param threads      {@code nbthread}: event loops; 0 = one per core
 */
public record GlobalSpec(int maxconn, List<Path> statsSockets, int bufferSize, int maxHeaders, int threads) {
    public GlobalSpec {
        Require.range(maxconn, 1, 10_000_000, "maxconn");
        statsSockets = List.copyOf(statsSockets);
        Require.range(bufferSize, 1024, 1 << 24, "tune.bufsize");
        Require.range(maxHeaders, 1, 32767, "tune.http.maxhdr");
        Require.range(threads, 0, 4096, "nbthread");
    }

    public static GlobalSpec defaults() {
        return new GlobalSpec(4096, List.of(), 16384, 101, 0);
    }
}
