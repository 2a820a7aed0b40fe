package org.bascule.l7.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code frontend <name>} section (or the frontend half of a {@code listen}).
 *
 * @param name           the section name
 * @param binds          {@code bind} lines, at least one
 * @param mode           {@code mode http|tcp}
 * @param acls           {@code acl} lines, in order
 * @param requestRules   {@code http-request} lines, in order
 * @param responseRules  {@code http-response} lines, in order (run before the backend's)
 * @param useBackends    {@code use_backend} lines, first match wins
 * @param defaultBackend {@code default_backend} (a {@code listen}'s own backend); empty: 503 when no rule matches
 * @param monitor        {@code monitor-uri} and {@code monitor fail}
 * @param statsUri       {@code stats uri}: the HTML statistics page ({@code stats enable})
 * @param stickTable     {@code stick-table} declared in this section
 * @param forwardFor     {@code option forwardfor} given in the frontend (applies to every backend)
 * @param timeouts       {@code timeout client|http-request|http-keep-alive}
 * @param maxconn        {@code maxconn}: concurrent client connections; beyond it, accepting pauses
 * @param bufferRequest  {@code option http-buffer-request}: a request body is read (whole, or
 *                       {@code tune.bufsize} of it) before a server is connected to
 */
public record FrontendSpec(
        String name,
        List<BindSpec> binds,
        ProxyMode mode,
        List<AclSpec> acls,
        List<HttpRequestRule> requestRules,
        List<HttpResponseRule> responseRules,
        List<UseBackendRule> useBackends,
        Optional<String> defaultBackend,
        Optional<MonitorSpec> monitor,
        Optional<String> statsUri,
        Optional<StickTableSpec> stickTable,
        Optional<ForwardFor> forwardFor,
        Timeouts timeouts,
        int maxconn,
        boolean bufferRequest) {

    /** HAProxy's default per-frontend {@code maxconn} when neither the section nor {@code defaults} sets it. */
    public static final int DEFAULT_MAXCONN = 2000;

    public FrontendSpec {
        Require.name(name, "frontend name");
        binds = List.copyOf(binds);
        Require.that(!binds.isEmpty(), "frontend " + name + " bind", "none", "at least one bind line");
        Require.nonNull(mode, "mode");
        acls = List.copyOf(acls);
        requestRules = List.copyOf(requestRules);
        responseRules = List.copyOf(responseRules);
        useBackends = List.copyOf(useBackends);
        Require.nonNull(defaultBackend, "default_backend");
        Require.nonNull(monitor, "monitor-uri");
        Require.nonNull(statsUri, "stats uri");
        statsUri.ifPresent(u -> Require.that(u.startsWith("/"), "stats uri", u, "a path starting with '/'"));
        Require.nonNull(stickTable, "stick-table");
        Require.nonNull(forwardFor, "option forwardfor");
        Require.nonNull(timeouts, "timeouts");
        Require.range(maxconn, 1, 10_000_000, "frontend " + name + " maxconn");
        Set<String> aclNames = new HashSet<>();
        acls.forEach(a -> aclNames.add(a.name()));
        for (AclSpec a : acls) {
            checkAclRefs(a.test(), aclNames);
        }
        requestRules.forEach(r -> checkAclRefs(r.when(), aclNames));
        responseRules.forEach(r -> checkAclRefs(r.when(), aclNames));
        useBackends.forEach(r -> checkAclRefs(r.when(), aclNames));
        monitor.ifPresent(m -> m.failWhen().forEach(c -> checkAclRefs(c, aclNames)));
        if (mode == ProxyMode.TCP) {
            Require.that(requestRules.isEmpty() && responseRules.isEmpty() && monitor.isEmpty() && statsUri.isEmpty(),
                    "frontend " + name, "mode tcp", "no http-request, http-response, monitor-uri or stats uri in mode tcp");
        }
    }

    private static void checkAclRefs(Condition c, Set<String> names) {
        switch (c) {
            case Condition.Acl a -> Require.that(names.contains(a.name()), "acl", a.name(), "an acl declared in the frontend");
            case Condition.All all -> all.terms().forEach(t -> checkAclRefs(t, names));
            case Condition.Any any -> any.terms().forEach(t -> checkAclRefs(t, names));
            case Condition.Not not -> checkAclRefs(not.term(), names);
            default -> { }
        }
    }

    /** A plain HTTP frontend on {@code binds} sending everything to {@code backend}. */
    public static FrontendSpec of(String name, List<BindSpec> binds, String backend) {
        return new FrontendSpec(name, binds, ProxyMode.HTTP, List.of(), List.of(), List.of(), List.of(), Optional.of(backend),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.typical(), DEFAULT_MAXCONN, false);
    }

    public FrontendSpec withTimeouts(Timeouts t) {
        return new FrontendSpec(name, binds, mode, acls, requestRules, responseRules, useBackends, defaultBackend, monitor, statsUri,
                stickTable, forwardFor, t, maxconn, bufferRequest);
    }

    public FrontendSpec withBufferRequest(boolean on) {
        return new FrontendSpec(name, binds, mode, acls, requestRules, responseRules, useBackends, defaultBackend, monitor, statsUri,
                stickTable, forwardFor, timeouts, maxconn, on);
    }
}
