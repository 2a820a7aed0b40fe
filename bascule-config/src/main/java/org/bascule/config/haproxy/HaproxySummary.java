package org.bascule.config.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The short summary {@code bascule check} prints for a haproxy.cfg: global limits and stats
 * sockets, then each frontend with its listeners and routing, and each backend with its
 * algorithm, checks and servers.
 */
public final class HaproxySummary {

    private HaproxySummary() {
    }

    /** The summary, lines separated by '\n', ending with a newline. */
    public static String format(HaproxyConfig config) {
        List<String> out = new ArrayList<>();
        Global g = config.global();
        List<String> global = new ArrayList<>();
        g.maxconn().ifPresent(n -> global.add("maxconn " + n));
        g.nbthread().ifPresent(n -> global.add("nbthread " + n));
        g.statsSockets().forEach(s -> global.add("stats socket " + s.endpoint() + s.level().map(l -> " level " + l).orElse("")));
        if (!g.settings().isEmpty()) {
            global.add(g.settings().size() + " other setting(s)");
        }
        out.add("global: " + (global.isEmpty() ? "(defaults)" : String.join(", ", global)));
        for (Proxy p : config.proxies()) {
            out.add(p.kind().keyword() + " " + p.name() + ": mode " + p.mode().name().toLowerCase()
                    + p.defaultsName().map(d -> ", defaults " + d).orElse(""));
            if (p.kind().isFrontend()) {
                frontend(p, out);
            }
            if (p.kind().isBackend()) {
                backend(p, out);
            }
        }
        if (!config.ignored().isEmpty()) {
            out.add("not modelled: " + config.ignored().stream().map(s -> s.text() + " (line " + s.pos().line() + ")").collect(Collectors.joining(", ")));
        }
        return String.join("\n", out) + "\n";
    }

    private static void frontend(Proxy p, List<String> out) {
        out.add("  bind " + (p.binds().isEmpty() ? "(none)" : p.binds().stream().map(b -> b.endpoint() + flags(b)).collect(Collectors.joining(", "))));
        List<String> routing = new ArrayList<>();
        p.useBackends().forEach(u -> routing.add("use_backend " + u.backend() + (u.condition().isPresent() ? " (conditional)" : "")));
        p.defaultBackend().ifPresent(d -> routing.add("default_backend " + d.backend()));
        if (!routing.isEmpty()) {
            out.add("  " + String.join("; ", routing));
        }
        List<String> extra = new ArrayList<>();
        if (!p.acls().isEmpty()) {
            extra.add(p.acls().stream().map(Acl::name).distinct().count() + " acl(s)");
        }
        p.monitor().ifPresent(m -> extra.add("monitor-uri " + m.uri().orElse("(none)") + " with " + m.fails().size() + " fail condition(s)"));
        if (!p.httpRequest().isEmpty()) {
            extra.add(p.httpRequest().size() + " http-request rule(s)");
        }
        if (!p.httpResponse().isEmpty()) {
            extra.add(p.httpResponse().size() + " http-response rule(s)");
        }
        p.stickTable().ifPresent(t -> extra.add("stick-table " + t.type().keyword() + " size " + t.size()));
        p.maxconn().ifPresent(n -> extra.add("maxconn " + n));
        p.stats().ifPresent(s -> extra.add("stats " + s.uri()));
        if (!extra.isEmpty()) {
            out.add("  " + String.join(", ", extra));
        }
    }

    private static String flags(Bind b) {
        List<String> f = new ArrayList<>();
        if (b.v4v6()) {
            f.add("v4v6");
        }
        if (b.v6only()) {
            f.add("v6only");
        }
        if (b.ssl()) {
            f.add("ssl");
        }
        if (!b.alpn().isEmpty()) {
            f.add("alpn " + String.join(",", b.alpn()));
        }
        if (b.acceptProxy()) {
            f.add("accept-proxy");
        }
        return f.isEmpty() ? "" : " " + String.join(" ", f);
    }

    private static void backend(Proxy p, List<String> out) {
        List<String> head = new ArrayList<>();
        head.add("balance " + p.balance());
        p.httpCheck().ifPresent(h -> head.add("httpchk " + h.method() + " " + h.uri()
                + (h.expects().isEmpty() ? "" : " expect " + h.expects().stream().map(e -> (e.negated() ? "! " : "") + e.kind().keyword() + " " + e.pattern())
                .collect(Collectors.joining(", ")))));
        p.forwardFor().ifPresent(f -> head.add("forwardfor"));
        if (p.option("redispatch")) {
            head.add("redispatch");
        }
        head.add("retries " + p.retries());
        head.add("http-reuse " + p.httpReuse().name().toLowerCase());
        out.add("  " + String.join(", ", head));
        for (Server s : p.servers()) {
            ServerOptions o = s.options();
            List<String> f = new ArrayList<>();
            f.add("weight " + o.weight());
            if (o.check()) {
                f.add("check every " + Values.format(o.inter()) + " rise " + o.rise() + " fall " + o.fall());
            }
            if (o.agentCheck()) {
                f.add("agent" + o.agentPort().stream().mapToObj(n -> " port " + n).findFirst().orElse("") + " every " + Values.format(o.effectiveAgentInter()));
            }
            if (o.sendProxy() != ProxyProtocol.NONE) {
                f.add("send-proxy " + o.sendProxy().name().toLowerCase());
            }
            if (o.backup()) {
                f.add("backup");
            }
            if (o.ssl()) {
                f.add("ssl" + o.verify().map(v -> " verify " + v).orElse(""));
            }
            if (o.disabled()) {
                f.add("disabled");
            }
            out.add("  server " + s.name() + " " + s.address() + ": " + String.join(", ", f));
        }
        if (p.servers().isEmpty()) {
            out.add("  (no server)");
        }
    }
}
