package org.bascule.l7.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole L7 configuration: one haproxy.cfg. Validated across sections: every backend named by a
 * frontend ({@code default_backend}, {@code use_backend}, {@code nbsrv()}, {@code be_conn()}) exists and has the
 * frontend's mode; names are unique per kind, as in HAProxy.
 */
public record ProxySpec(GlobalSpec global, List<FrontendSpec> frontends, List<BackendSpec> backends) {

    public ProxySpec {
        Require.nonNull(global, "global");
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
        Map<String, BackendSpec> byName = new HashMap<>();
        for (BackendSpec b : backends) {
            Require.that(byName.put(b.name(), b) == null, "backend", b.name(), "a name used once");
        }
        Map<String, FrontendSpec> fronts = new HashMap<>();
        for (FrontendSpec f : frontends) {
            Require.that(fronts.put(f.name(), f) == null, "frontend", f.name(), "a name used once");
            f.defaultBackend().ifPresent(b -> sameMode(f, byName.get(b), b, "default_backend"));
            f.useBackends().forEach(r -> sameMode(f, byName.get(r.backend()), r.backend(), "use_backend"));
            f.acls().forEach(a -> backendsNamed(a.test(), byName));
            f.monitor().ifPresent(m -> m.failWhen().forEach(c -> backendsNamed(c, byName)));
            f.useBackends().forEach(r -> backendsNamed(r.when(), byName));
            f.requestRules().forEach(r -> backendsNamed(r.when(), byName));
        }
    }

    private static void sameMode(FrontendSpec f, BackendSpec b, String name, String directive) {
        Require.that(b != null, "frontend " + f.name() + " " + directive, name, "a declared backend");
        Require.that(b.mode() == f.mode(), "frontend " + f.name() + " " + directive + " " + name,
                "mode " + b.mode().name().toLowerCase(java.util.Locale.ROOT), "mode " + f.mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static void backendsNamed(Condition c, Map<String, BackendSpec> backends) {
        switch (c) {
            case Condition.UsableServers u -> Require.that(backends.containsKey(u.backend()), "nbsrv", u.backend(), "a declared backend");
            case Condition.Number(NumberSample.BackendConnections be, IntOp op, long v) ->
                    Require.that(backends.containsKey(be.backend()), "be_conn", be.backend(), "a declared backend");
            case Condition.All all -> all.terms().forEach(t -> backendsNamed(t, backends));
            case Condition.Any any -> any.terms().forEach(t -> backendsNamed(t, backends));
            case Condition.Not not -> backendsNamed(not.term(), backends);
            default -> { }
        }
    }

    public Optional<BackendSpec> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
