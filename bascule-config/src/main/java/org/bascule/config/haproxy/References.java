package org.bascule.config.haproxy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * Checks that need the whole file, as HAProxy does after parsing ({@code check_config_validity}):
 * backends named by {@code default_backend}, {@code use_backend} and fetches such as
 * {@code nbsrv(NAME)} exist; a frontend in HTTP mode does not switch to a TCP backend; tracked
 * stick counters have a table; and the warnings HAProxy prints for a frontend without
 * {@code bind} or a proxy without its client/connect/server timeouts.
 */
final class References {

    private final Problems problems;

    References(Problems problems) {
        this.problems = problems;
    }

    void check(HaproxyConfig config) {
        Set<String> backends = config.backends().stream().map(Proxy::name).collect(Collectors.toSet());
        Set<String> tables = config.proxies().stream().filter(p -> p.stickTable().isPresent()).map(Proxy::name).collect(Collectors.toSet());
        for (Proxy p : config.proxies()) {
            if (p.kind().isFrontend()) {
                p.defaultBackend().ifPresent(d -> backend(config, p, d.backend(), d.pos(), backends, "default_backend"));
                for (BackendSwitch s : p.useBackends()) {
                    if (!s.dynamic()) {
                        backend(config, p, s.backend(), s.pos(), backends, "use_backend");
                    }
                    s.condition().ifPresent(c -> anonymous(c, backends, tables));
                }
                p.monitor().ifPresent(m -> m.fails().forEach(c -> anonymous(c, backends, tables)));
                if (p.mode() == Mode.TCP && p.monitor().flatMap(Monitor::uri).isPresent()) {
                    problems.add(Diagnostic.of(Severity.WARNING, p.monitor().get().pos(), "monitor-uri ignored in " + p.kind().keyword() + " '"
                            + p.name() + "' (it needs 'mode http')", p.monitor().get().uri().get(), "'mode http' in this section or in defaults"));
                }
            }
            if (p.mode() == Mode.TCP && !(p.httpRequest().isEmpty() && p.httpResponse().isEmpty())) {
                HttpRule first = p.httpRequest().isEmpty() ? p.httpResponse().getFirst() : p.httpRequest().getFirst();
                problems.add(Diagnostic.of(Severity.WARNING, first.pos(), "http-request/http-response rules ignored in " + p.kind().keyword(),
                        p.name(), "'mode http': these rules need HTTP mode"));
            }
            for (Acl acl : p.acls()) {
                fetch(acl.expression(), backends, tables);
            }
            for (HttpRule r : p.httpRequest()) {
                r.condition().ifPresent(c -> anonymous(c, backends, tables));
                if (r instanceof HttpRule.TrackSc t) {
                    String table = t.table().orElse(p.name());
                    boolean found = t.table().isPresent() ? tables.contains(table) : p.stickTable().isPresent();
                    if (!found) {
                        problems.add(Diagnostic.of(Severity.ERROR, t.pos(), "no stick-table for", "track-sc" + t.counter(),
                                t.table().isPresent() ? "expected: a proxy named '" + table + "' with a stick-table line"
                                        : "expected: a stick-table line in " + p.kind().keyword() + " '" + p.name() + "', or 'table <proxy>'"));
                    }
                }
            }
            p.httpResponse().forEach(r -> r.condition().ifPresent(c -> anonymous(c, backends, tables)));
            p.httpResponse().forEach(this::framingField);
            timeouts(p);
        }
    }

    /**
     * The proxy forwards a response's body as the server framed it, so http-response header
     * rules on the framing and hop-by-hop fields have no effect (RFC 9112 section 6, RFC 9110
     * section 7.6.1): said once, at the line, rather than ignored in silence.
     */
    private void framingField(HttpRule r) {
        String name = switch (r) {
            case HttpRule.SetHeader h -> h.name();
            case HttpRule.AddHeader h -> h.name();
            case HttpRule.DelHeader h -> h.name();
            default -> null;
        };
        if (name != null && FRAMING_FIELDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            problems.add(Diagnostic.of(Severity.WARNING, r.pos(), "http-response rule on a framing or hop-by-hop field has no effect", name,
                    "the response is forwarded with the server's framing; Connection and Keep-Alive are the proxy's own"));
        }
    }

    private static final Set<String> FRAMING_FIELDS = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "proxy-connection");

    private void backend(HaproxyConfig config, Proxy from, String name, org.bascule.config.SourcePos pos, Set<String> backends, String keyword) {
        Optional<Proxy> target = config.backend(name);
        if (target.isEmpty()) {
            String hint = Suggestions.closest(name, backends).map(s -> "did you mean '" + s + "'?")
                    .orElse(backends.isEmpty() ? "expected: a backend section of that name (there is none)"
                            : "expected: one of the backends " + String.join(", ", backends.stream().sorted().limit(6).toList()));
            problems.add(Diagnostic.of(Severity.ERROR, pos, "no such backend for " + keyword, name, hint));
            return;
        }
        if (from.mode() == Mode.HTTP && target.get().mode() == Mode.TCP) {
            problems.add(Diagnostic.of(Severity.ERROR, pos, keyword + " of an HTTP frontend names a TCP backend", name,
                    "'mode http' in backend '" + name + "' (declared at line " + target.get().pos().line() + ") or 'mode tcp' in " + from.name()));
        }
    }

    private void anonymous(Condition c, Set<String> backends, Set<String> tables) {
        for (AclExpression e : c.anonymous()) {
            fetch(e, backends, tables);
        }
    }

    /** nbsrv(NAME) and friends name a backend; sc_*(n,TABLE) and src_*(TABLE) name a table. */
    private void fetch(AclExpression e, Set<String> backends, Set<String> tables) {
        Fetch f = e.fetch();
        Optional<FetchTable.Resolved> r = FetchTable.resolve(f.name());
        if (r.isEmpty()) {
            return;
        }
        if (r.get().spec().backendArg() && !f.args().isEmpty() && !backends.contains(f.args().getFirst())) {
            String name = f.args().getFirst();
            String hint = Suggestions.closest(name, backends).map(s -> "did you mean '" + s + "'?").orElse("expected: the name of a backend");
            problems.add(Diagnostic.of(Severity.ERROR, e.pos(), "no such backend in '" + f + "'", name, hint));
        }
        String table = null;
        if (f.name().startsWith("sc_") && f.args().size() == 2) {
            table = f.args().get(1);
        } else if ((f.name().startsWith("src_") || f.name().matches("sc[0-2]_.*")) && f.args().size() == 1) {
            table = f.args().getFirst();
        }
        if (table != null && !tables.contains(table)) {
            problems.add(Diagnostic.of(Severity.ERROR, e.pos(), "no such stick-table in '" + f + "'", table,
                    "expected: the name of a proxy with a stick-table line"));
        }
        if (f.name().startsWith("sc_") && !f.args().isEmpty()) {
            String counter = f.args().getFirst();
            if (!List.of("0", "1", "2").contains(counter)) {
                problems.add(Diagnostic.of(Severity.ERROR, e.pos(), "invalid stick counter in '" + f + "'", counter, "expected: 0, 1 or 2"));
            }
        }
    }

    /** HAProxy warns when a proxy lacks the timeouts its side needs: its sessions could hang forever. */
    private void timeouts(Proxy p) {
        List<String> missing = new java.util.ArrayList<>();
        if (p.kind().isFrontend() && p.timeout(TimeoutKind.CLIENT).isEmpty()) {
            missing.add("client");
        }
        if (p.kind().isBackend() && p.timeout(TimeoutKind.CONNECT).isEmpty()) {
            missing.add("connect");
        }
        if (p.kind().isBackend() && p.timeout(TimeoutKind.SERVER).isEmpty()) {
            missing.add("server");
        }
        if (!missing.isEmpty()) {
            problems.add(Diagnostic.of(Severity.WARNING, p.pos(), "missing timeouts for " + p.kind().keyword(), p.name(),
                    "timeout " + String.join(", timeout ", missing) + " set here or in defaults; without them a stuck peer holds its connection forever"));
        }
    }
}
