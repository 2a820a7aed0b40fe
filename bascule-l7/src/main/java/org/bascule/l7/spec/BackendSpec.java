package org.bascule.l7.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code backend <name>} section (or the backend half of a {@code listen}).
 *
 * @param name          the section name
 * @param mode          {@code mode http|tcp}; must equal the mode of every frontend using it
 * @param balance       {@code balance}; {@code roundrobin} by default
 * @param hashType      {@code hash-type} for {@code source}, {@code uri}, {@code hdr()}
 * @param servers       {@code server} lines in order
 * @param forwardFor    {@code option forwardfor}
 * @param redispatch    {@code option redispatch}: the last retry goes to another server
 *                      (Bascule: every retry after a failed connect picks again, skipping the
 *                      servers that failed)
 * @param retries       {@code retries}: connection attempts after the first (3 by default)
 * @param timeouts      {@code timeout connect|server|queue|check}
 * @param reuse         {@code http-reuse}
 * @param healthCheck   {@code option httpchk} + {@code http-check …}, or the TCP connect default
 * @param allBackups    {@code option allbackups}: use every backup server at once, not only the first
 * @param responseRules {@code http-response} lines of the backend, after the frontend's
 * @param requestRules  {@code http-request} lines of the backend, after the frontend's
 * @param bufferRequest {@code option http-buffer-request}: a request body is read (whole, or
 *                      {@code tune.bufsize} of it) before a server is connected to
 */
public record BackendSpec(
        String name,
        ProxyMode mode,
        Balance balance,
        HashType hashType,
        List<ServerSpec> servers,
        Optional<ForwardFor> forwardFor,
        boolean redispatch,
        int retries,
        Timeouts timeouts,
        HttpReuse reuse,
        HealthCheckSpec healthCheck,
        boolean allBackups,
        List<HttpRequestRule> requestRules,
        List<HttpResponseRule> responseRules,
        boolean bufferRequest) {

    public BackendSpec {
        Require.name(name, "backend name");
        Require.nonNull(mode, "mode");
        Require.nonNull(balance, "balance");
        Require.nonNull(hashType, "hash-type");
        servers = List.copyOf(servers);
        Require.nonNull(forwardFor, "option forwardfor");
        Require.range(retries, 0, 100, "retries");
        Require.nonNull(timeouts, "timeouts");
        Require.nonNull(reuse, "http-reuse");
        Require.nonNull(healthCheck, "option httpchk");
        requestRules = List.copyOf(requestRules);
        responseRules = List.copyOf(responseRules);
        Set<String> seen = new HashSet<>();
        for (ServerSpec s : servers) {
            Require.that(seen.add(s.name()), "backend " + name + " server", s.name(), "a name unique in the backend");
        }
        if (mode == ProxyMode.TCP) {
            Require.that(!(balance instanceof Balance.Uri) && !(balance instanceof Balance.Header), "balance", balance.label(),
                    "an algorithm that needs no HTTP request in mode tcp");
        }
    }

    /** {@code backend <name>} with HAProxy's defaults: http, roundrobin, retries 3, http-reuse safe, TCP checks. */
    public static BackendSpec of(String name, List<ServerSpec> servers) {
        return new BackendSpec(name, ProxyMode.HTTP, new Balance.RoundRobin(), HashType.MAP_BASED, servers, Optional.empty(),
                false, 3, Timeouts.typical(), HttpReuse.SAFE, new HealthCheckSpec.TcpConnect(), false, List.of(), List.of(), false);
    }

    public BackendSpec withBalance(Balance b) {
        return new BackendSpec(name, mode, b, hashType, servers, forwardFor, redispatch, retries, timeouts, reuse, healthCheck,
                allBackups, requestRules, responseRules, bufferRequest);
    }

    public BackendSpec withMode(ProxyMode m) {
        return new BackendSpec(name, m, balance, hashType, servers, forwardFor, redispatch, retries, timeouts, reuse, healthCheck,
                allBackups, requestRules, responseRules, bufferRequest);
    }

    public BackendSpec withForwardFor(ForwardFor f) {
        return new BackendSpec(name, mode, balance, hashType, servers, Optional.of(f), redispatch, retries, timeouts, reuse,
                healthCheck, allBackups, requestRules, responseRules, bufferRequest);
    }

    public BackendSpec withRetries(int r, boolean redisp) {
        return new BackendSpec(name, mode, balance, hashType, servers, forwardFor, redisp, r, timeouts, reuse, healthCheck,
                allBackups, requestRules, responseRules, bufferRequest);
    }

    public BackendSpec withTimeouts(Timeouts t) {
        return new BackendSpec(name, mode, balance, hashType, servers, forwardFor, redispatch, retries, t, reuse, healthCheck,
                allBackups, requestRules, responseRules, bufferRequest);
    }

    public BackendSpec withReuse(HttpReuse r) {
        return new BackendSpec(name, mode, balance, hashType, servers, forwardFor, redispatch, retries, timeouts, r, healthCheck,
                allBackups, requestRules, responseRules, bufferRequest);
    }

    public BackendSpec withResponseRules(List<HttpResponseRule> rules) {
        return new BackendSpec(name, mode, balance, hashType, servers, forwardFor, redispatch, retries, timeouts, reuse,
                healthCheck, allBackups, requestRules, rules, bufferRequest);
    }

    public BackendSpec withBufferRequest(boolean on) {
        return new BackendSpec(name, mode, balance, hashType, servers, forwardFor, redispatch, retries, timeouts, reuse,
                healthCheck, allBackups, requestRules, responseRules, on);
    }
}
