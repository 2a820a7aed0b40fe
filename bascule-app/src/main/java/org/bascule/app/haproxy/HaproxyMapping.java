package org.bascule.app.haproxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;
import org.bascule.config.haproxy.Acl;
import org.bascule.config.haproxy.Bind;
import org.bascule.config.haproxy.Endpoint;
import org.bascule.config.haproxy.Global;
import org.bascule.config.haproxy.HaproxyConfig;
import org.bascule.config.haproxy.HttpCheck;
import org.bascule.config.haproxy.Mode;
import org.bascule.config.haproxy.Proxy;
import org.bascule.config.haproxy.Server;
import org.bascule.config.haproxy.ServerOptions;
import org.bascule.config.haproxy.Setting;
import org.bascule.config.haproxy.StatsSocket;
import org.bascule.config.haproxy.TimeoutKind;
import org.bascule.l7.spec.AclSpec;
import org.bascule.l7.spec.AgentCheckSpec;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.Balance;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.ForwardFor;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HashType;
import org.bascule.l7.spec.HealthCheckSpec;
import org.bascule.l7.spec.HttpCheckExpect;
import org.bascule.l7.spec.HttpReuse;
import org.bascule.l7.spec.IpRange;
import org.bascule.l7.spec.MonitorSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxyProtocol;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerPool;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.ServerTls;
import org.bascule.l7.spec.StickTableSpec;
import org.bascule.l7.spec.Timeouts;
import org.bascule.l7.spec.TlsBind;
import org.bascule.l7.spec.UseBackendRule;

/**
 * Maps a parsed haproxy.cfg ({@link HaproxyConfig}) to the L7 tier's {@link ProxySpec}: a
 * {@code listen} becomes a frontend and a backend of the same name. Every statement the tier does
 * not act on yet is a warning naming its line (never silently ignored); a statement that cannot
 * be served at all (a UNIX or host-name address) is an error.
 */
public final class HaproxyMapping {

    /** Options the tier acts on; any other enabled {@code option} is reported. */
    private static final Set<String> HANDLED_OPTIONS = Set.of("redispatch", "allbackups", "http-buffer-request");

    private final List<Diagnostic> notes = new ArrayList<>();
    private final ConditionMapping conditions = new ConditionMapping(notes);
    private final Set<SourcePos> reported = new HashSet<>();
    private final HaproxyConfig config;

    private HaproxyMapping(HaproxyConfig config) {
        this.config = config;
    }

    /** The plan for {@code config} (which must have no parse errors). */
    public static L7Plan plan(HaproxyConfig config) {
        return new HaproxyMapping(config).build();
    }

    private L7Plan build() {
        GlobalSpec global = global(config.global());
        List<FrontendSpec> frontends = new ArrayList<>();
        List<BackendSpec> backends = new ArrayList<>();
        config.ignored().forEach(s -> unsupported(s.pos(), "section", s.keyword() + " " + String.join(" ", s.args())));
        for (Proxy p : config.proxies()) {
            settings(p);
            if (p.kind().isBackend()) {
                backend(p).ifPresent(backends::add);
            }
            if (p.kind().isFrontend()) {
                frontend(p).ifPresent(frontends::add);
            }
        }
        Optional<ProxySpec> spec = Optional.empty();
        if (notes.stream().noneMatch(Diagnostic::isError)) {
            try {
                spec = Optional.of(new ProxySpec(global, frontends, backends));
            } catch (IllegalArgumentException e) {
                error(SourcePos.start(config.file()), "the L7 tier refuses this configuration", e.getMessage(), "");
            }
        }
        List<Diagnostic> sorted = new ArrayList<>(notes);
        sorted.sort(java.util.Comparator.comparing(Diagnostic::pos));
        return new L7Plan(spec, sorted);
    }

    private void unsupported(SourcePos pos, String what, String token) {
        if (reported.add(pos)) {
            notes.add(Diagnostic.of(Severity.WARNING, pos, what + " not supported by the L7 tier yet, ignored", token, "it has no effect when Bascule runs this file"));
        }
    }

    private void error(SourcePos pos, String what, String token, String detail) {
        notes.add(Diagnostic.of(Severity.ERROR, pos, what, token, detail));
    }

    private GlobalSpec global(Global g) {
        GlobalSpec d = GlobalSpec.defaults();
        List<Path> sockets = new ArrayList<>();
        for (StatsSocket s : g.statsSockets()) {
            if (s.endpoint() instanceof Endpoint.Unix u && !u.abstractSocket()) {
                sockets.add(Path.of(u.path()));
                s.options().forEach(o -> unsupported(o.pos(), "stats socket option", o.keyword()));
            } else {
                unsupported(s.pos(), "stats socket on a network address", s.endpoint().toString());
            }
        }
        int bufsize = d.bufferSize();
        int maxHeaders = d.maxHeaders();
        for (Setting s : g.settings()) {
            if (s.keyword().equals("tune.bufsize") && s.args().size() == 1 && s.args().getFirst().matches("[0-9]{4,8}")) {
                bufsize = Integer.parseInt(s.args().getFirst());
            } else if (s.keyword().equals("tune.http.maxhdr") && s.args().size() == 1 && s.args().getFirst().matches("[0-9]{1,5}")) {
                maxHeaders = Integer.parseInt(s.args().getFirst());
            } else if (!Set.of("daemon", "master-worker").contains(s.keyword())) {
                unsupported(s.pos(), "global setting", s.text());
            }
        }
        try {
            return new GlobalSpec(g.maxconn().orElse(d.maxconn()), sockets, bufsize, maxHeaders, g.nbthread().orElse(0));
        } catch (IllegalArgumentException e) {
            error(SourcePos.start(config.file()), "global section refused by the L7 tier", e.getMessage(), "");
            return d;
        }
    }

    /** Kept settings of a proxy and its options: each one the tier ignores is reported once per line. */
    private void settings(Proxy p) {
        for (Setting s : p.settings()) {
            if (!(s.keyword().equals("option") && !s.args().isEmpty() && s.args().getFirst().equals("httplog"))) {
                unsupported(s.pos(), s.keyword(), s.text());
            }
        }
        p.options().forEach((name, on) -> {
            boolean sideEffectFree = Set.of("httplog", "tcplog", "dontlognull", "http-keep-alive").contains(name);
            if (on && !HANDLED_OPTIONS.contains(name) && !sideEffectFree) {
                notes.add(Diagnostic.of(Severity.WARNING, p.pos(), "option not supported by the L7 tier yet, ignored in "
                        + p.kind().keyword() + " '" + p.name() + "' (set here or inherited from defaults)", name, "it has no effect when Bascule runs this file"));
            }
        });
        p.stats().ifPresent(st -> st.settings().forEach(s -> unsupported(s.pos(), "stats setting", s.text())));
    }

    private Optional<FrontendSpec> frontend(Proxy p) {
        List<BindSpec> binds = new ArrayList<>();
        for (Bind b : p.binds()) {
            bind(b).ifPresent(binds::add);
        }
        if (binds.isEmpty()) {
            notes.add(Diagnostic.of(Severity.WARNING, p.pos(), "frontend without a usable bind line, not served", p.name(), "a bind line"));
            return Optional.empty();
        }
        ProxyMode mode = p.mode() == Mode.HTTP ? ProxyMode.HTTP : ProxyMode.TCP;
        boolean http = mode == ProxyMode.HTTP;
        List<AclSpec> acls = acls(p.acls());
        List<UseBackendRule> use = new ArrayList<>();
        for (var u : p.useBackends()) {
            if (u.dynamic()) {
                unsupported(u.pos(), "dynamic use_backend", u.backend());
                continue;
            }
            use.add(new UseBackendRule(u.backend(), conditions.condition(u.condition())));
        }
        Optional<String> defaultBackend = p.defaultBackend().map(d -> d.backend());
        if (defaultBackend.isEmpty() && p.kind().isBackend()) {
            defaultBackend = Optional.of(p.name());
        }
        Optional<MonitorSpec> monitor = Optional.empty();
        if (http && p.monitor().isPresent()) {
            var m = p.monitor().get();
            if (m.uri().isPresent()) {
                monitor = Optional.of(new MonitorSpec(m.uri().get(), m.fails().stream().map(c -> conditions.condition(Optional.of(c))).toList()));
            } else {
                unsupported(m.pos(), "monitor fail without monitor-uri", "monitor fail");
            }
        }
        Optional<StickTableSpec> table = Optional.empty();
        if (p.stickTable().isPresent()) {
            var t = p.stickTable().get();
            var rate = t.stored("http_req_rate");
            if (rate.isPresent() && t.type() == org.bascule.config.haproxy.StickTable.KeyType.IP || rate.isPresent() && t.type() == org.bascule.config.haproxy.StickTable.KeyType.IPV6) {
                table = Optional.of(new StickTableSpec(t.size(), t.expire().orElse(Duration.ofMinutes(1)), rate.get().period().orElseThrow()));
                if (t.store().size() > 1 || t.peers().isPresent() || t.nopurge()) {
                    unsupported(t.pos(), "stick-table data other than http_req_rate, peers, nopurge", "stick-table");
                }
            } else {
                unsupported(t.pos(), "stick-table without 'type ip' and 'store http_req_rate(<period>)'", "stick-table");
            }
        }
        List<org.bascule.l7.spec.HttpRequestRule> requestRules = http ? conditions.requestRules(p.httpRequest(), p.timeout(TimeoutKind.TARPIT).or(() -> p.timeout(TimeoutKind.CONNECT))) : List.of();
        List<org.bascule.l7.spec.HttpResponseRule> responseRules = http ? conditions.responseRules(p.httpResponse()) : List.of();
        Optional<String> statsUri = http ? p.stats().map(s -> s.uri()) : Optional.empty();
        try {
            return Optional.of(new FrontendSpec(p.name(), binds, mode, acls, requestRules, responseRules, use, defaultBackend, monitor,
                    statsUri, table, p.kind().isBackend() ? Optional.empty() : forwardFor(p), timeouts(p), p.maxconn().orElse(FrontendSpec.DEFAULT_MAXCONN),
                    p.option("http-buffer-request")));
        } catch (IllegalArgumentException e) {
            error(p.pos(), "frontend refused by the L7 tier", p.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private List<AclSpec> acls(List<Acl> acls) {
        // Lines with the same name are ORed (configuration.txt 7.1).
        Map<String, List<org.bascule.l7.spec.Condition>> byName = new LinkedHashMap<>();
        for (Acl a : acls) {
            byName.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(conditions.expression(a.expression()));
        }
        List<AclSpec> out = new ArrayList<>();
        byName.forEach((name, tests) -> out.add(new AclSpec(name, tests.size() == 1 ? tests.getFirst() : new org.bascule.l7.spec.Condition.Any(tests))));
        return out;
    }

    private Optional<BindSpec> bind(Bind b) {
        if (!(b.endpoint() instanceof Endpoint.Inet inet)) {
            error(b.pos(), "UNIX socket bind not supported by the L7 tier", b.endpoint().toString(), "an IPv4 or IPv6 address and port");
            return Optional.empty();
        }
        if (inet.lastPort() != inet.firstPort()) {
            notes.add(Diagnostic.of(Severity.WARNING, b.pos(), "port range not supported by the L7 tier yet, only its first port is served", inet.toString(),
                    "one port per bind line"));
        }
        Optional<InetAddress> address = literal(inet.host().isEmpty() || inet.host().equals("*") ? "0.0.0.0" : inet.host(), b.pos());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        boolean v4v6 = b.v4v6();
        if (v4v6 && !(address.get() instanceof java.net.Inet6Address)) {
            // HAProxy binds ':80' on 0.0.0.0, where v4v6 changes nothing: the seed's 'bind :80 v4v6' serves IPv4 only there too.
            notes.add(Diagnostic.of(Severity.WARNING, b.pos(), "v4v6 has no effect on an IPv4 address (as in HAProxy)", inet.toString(),
                    "'bind [::]:" + inet.firstPort() + " v4v6' to accept IPv4 and IPv6 clients"));
            v4v6 = false;
        }
        Optional<TlsBind> tls = Optional.empty();
        if (b.ssl()) {
            tls = Optional.of(TlsBind.of(b.certificates().stream().map(Path::of).toList(), b.alpn()));
        } else if (!b.alpn().isEmpty()) {
            unsupported(b.pos(), "alpn without ssl", "alpn");
        }
        b.maxconn().ifPresent(m -> unsupported(b.pos(), "bind maxconn", "maxconn"));
        b.other().forEach(o -> unsupported(o.pos(), "bind option", o.keyword()));
        // v6only on an IPv4 address changes nothing (HAProxy sets IPV6_V6ONLY on IPv6 sockets only).
        boolean v6only = b.v6only() && address.get() instanceof java.net.Inet6Address;
        return Optional.of(new BindSpec(new InetSocketAddress(address.get(), inet.firstPort()), v4v6, v6only, tls, b.acceptProxy()));
    }

    private Optional<InetAddress> literal(String host, SourcePos pos) {
        try {
            return Optional.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException e) {
            error(pos, "host name not supported by the L7 tier (it needs an IP address)", host, "an IPv4 or IPv6 address");
            return Optional.empty();
        }
    }

    private Optional<ForwardFor> forwardFor(Proxy p) {
        return p.forwardFor().map(f -> new ForwardFor(f.header(), f.except().map(IpRange::parse), f.ifNone()));
    }

    private Timeouts timeouts(Proxy p) {
        return new Timeouts(p.timeout(TimeoutKind.CONNECT), p.timeout(TimeoutKind.CLIENT), p.timeout(TimeoutKind.SERVER),
                p.timeout(TimeoutKind.HTTP_REQUEST), p.timeout(TimeoutKind.HTTP_KEEP_ALIVE), p.timeout(TimeoutKind.QUEUE),
                p.timeout(TimeoutKind.CHECK), p.timeout(TimeoutKind.TUNNEL), p.timeout(TimeoutKind.CLIENT_FIN),
                p.timeout(TimeoutKind.SERVER_FIN));
    }

    private Optional<BackendSpec> backend(Proxy p) {
        ProxyMode mode = p.mode() == Mode.HTTP ? ProxyMode.HTTP : ProxyMode.TCP;
        Balance balance = balance(p);
        List<ServerSpec> servers = new ArrayList<>();
        for (Server s : p.servers()) {
            server(p, s).ifPresent(servers::add);
        }
        HealthCheckSpec check = p.httpCheck().map(this::httpCheck).orElse(new HealthCheckSpec.TcpConnect());
        HashType hashType = HashType.MAP_BASED;
        for (Setting s : p.settings()) {
            if (s.keyword().equals("hash-type") && !s.args().isEmpty() && s.args().getFirst().equals("consistent")) {
                hashType = HashType.CONSISTENT;
            }
        }
        boolean http = mode == ProxyMode.HTTP;
        try {
            return Optional.of(new BackendSpec(p.name(), mode, balance, hashType, servers, forwardFor(p), p.option("redispatch"), p.retries(),
                    timeouts(p), HttpReuse.valueOf(p.httpReuse().name()), check, p.option("allbackups"),
                    http && !p.kind().isFrontend() ? conditions.requestRules(p.httpRequest(), p.timeout(TimeoutKind.TARPIT).or(() -> p.timeout(TimeoutKind.CONNECT))) : List.of(),
                    http && !p.kind().isFrontend() ? conditions.responseRules(p.httpResponse()) : List.of(),
                    p.option("http-buffer-request")));
        } catch (IllegalArgumentException e) {
            error(p.pos(), "backend refused by the L7 tier", p.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private Balance balance(Proxy p) {
        var b = p.balance();
        return switch (b.algorithm()) {
            case ROUNDROBIN -> new Balance.RoundRobin();
            case STATIC_RR -> new Balance.StaticRoundRobin();
            case LEASTCONN -> new Balance.LeastConn();
            case FIRST -> new Balance.First();
            case SOURCE -> new Balance.Source();
            case URI -> {
                int len = 0;
                int depth = 0;
                boolean whole = false;
                for (int i = 0; i < b.options().size(); i++) {
                    switch (b.options().get(i)) {
                        case "len" -> len = Integer.parseInt(b.options().get(++i));
                        case "depth" -> depth = Integer.parseInt(b.options().get(++i));
                        case "whole" -> whole = true;
                        default -> unsupported(b.pos(), "balance uri option", b.options().get(i));
                    }
                }
                yield new Balance.Uri(len, depth, whole);
            }
            case HDR -> {
                if (!b.options().isEmpty()) {
                    unsupported(b.pos(), "balance hdr option", String.join(" ", b.options()));
                }
                yield new Balance.Header(b.parameter().orElseThrow());
            }
            case RANDOM -> new Balance.Random(b.parameter().map(Integer::parseInt).orElse(2));
            default -> {
                notes.add(Diagnostic.of(Severity.WARNING, b.pos(), "balance algorithm not supported by the L7 tier yet, roundrobin used", b.algorithm().keyword(),
                        "roundrobin, static-rr, leastconn, first, source, uri, hdr(name) or random"));
                yield new Balance.RoundRobin();
            }
        };
    }

    private HealthCheckSpec httpCheck(HttpCheck h) {
        // Every expect rule applies to the one response, in order (HAProxy 2.2+ check rulesets).
        List<HttpCheckExpect> expects = h.expects().stream().<HttpCheckExpect>map(e -> switch (e.kind()) {
            case STATUS -> new HttpCheckExpect.Status(e.pattern(), e.negated());
            case RSTATUS -> new HttpCheckExpect.StatusRegex(e.pattern(), e.negated());
            case STRING -> new HttpCheckExpect.BodyContains(e.pattern(), e.negated());
            case RSTRING -> new HttpCheckExpect.BodyRegex(e.pattern(), e.negated());
        }).toList();
        if (h.disableOn404()) {
            unsupported(h.pos(), "http-check disable-on-404", "disable-on-404");
        }
        List<HealthCheckSpec.Header> headers = h.headers().stream().map(line -> {
            int colon = line.indexOf(':');
            return new HealthCheckSpec.Header(line.substring(0, colon), line.substring(colon + 1).strip());
        }).toList();
        try {
            return new HealthCheckSpec.Http(h.method(), h.uri(), h.version(), headers, expects);
        } catch (IllegalArgumentException e) {
            error(h.pos(), "option httpchk refused by the L7 tier", h.method() + " " + h.uri(), e.getMessage());
            return new HealthCheckSpec.TcpConnect();
        }
    }

    /** HAProxy's backslash escapes in a server argument ({@code \n}, {@code \r}, {@code \t}). */
    static String unescape(String arg) {
        StringBuilder b = new StringBuilder(arg.length());
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\' && i + 1 < arg.length()) {
                char n = arg.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private Optional<ServerSpec> server(Proxy backend, Server s) {
        if (!(s.address() instanceof Endpoint.Inet inet)) {
            error(s.pos(), "UNIX socket server not supported by the L7 tier", s.address().toString(), "an IPv4 or IPv6 address and port");
            return Optional.empty();
        }
        Optional<InetAddress> address = literal(inet.host().isEmpty() ? "0.0.0.0" : inet.host(), s.pos());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        ServerOptions o = s.options();
        int port = inet.firstPort();
        if (inet.portOffset() || port == 0) {
            port = destinationPort(backend, s, o);
            if (port == 0) {
                return Optional.empty();
            }
        }
        Optional<AgentCheckSpec> agent = Optional.empty();
        if (o.agentCheck()) {
            if (o.agentPort().isEmpty()) {
                notes.add(Diagnostic.of(Severity.WARNING, s.pos(), "agent-check without agent-port is not run", s.name(), "agent-port <port>"));
            } else {
                Optional<InetAddress> agentAddr = o.agentAddr().flatMap(a -> literal(a, s.pos()));
                // agent-send <string>: sent as is once connected (HAProxy parses its escapes such as \n)
                Optional<String> send = o.other().stream().filter(x -> x.keyword().equals("agent-send")).map(x -> unescape(x.args().getFirst()))
                        .findFirst();
                agent = Optional.of(new AgentCheckSpec(o.agentPort().getAsInt(), o.effectiveAgentInter(), send, agentAddr));
            }
        }
        Optional<ServerTls> tls = Optional.empty();
        if (o.ssl()) {
            // HAProxy verifies server certificates unless 'verify none' (ssl-server-verify required is its default).
            Optional<Path> ca = o.other().stream().filter(x -> x.keyword().equals("ca-file")).map(x -> Path.of(x.args().getFirst())).findFirst();
            tls = Optional.of(new ServerTls(!o.verify().orElse("required").equals("none"), ca, o.sni()));
        }
        if (o.checkSsl() || !o.alpn().isEmpty()) {
            unsupported(s.pos(), "check-ssl / server alpn", s.name());
        }
        o.other().stream().filter(x -> !x.keyword().equals("ca-file") && !x.keyword().equals("agent-send")).forEach(x -> unsupported(x.pos(), "server option", x.keyword()));
        try {
            return Optional.of(new ServerSpec(s.name(), new InetSocketAddress(address.get(), port), o.weight(), o.backup(), o.check(),
                    o.checkPort().isPresent() ? Optional.of(o.checkPort().getAsInt()) : Optional.empty(), o.inter(), o.rise(), o.fall(),
                    ProxyProtocol.valueOf(o.sendProxy().name()), agent, tls, o.disabled(), o.maxconn().orElse(0), o.fastinter(), o.downinter(),
                    new ServerPool(o.poolMaxConn(), o.poolPurgeDelay(), o.poolLowConn())));
        } catch (IllegalArgumentException e) {
            error(s.pos(), "server refused by the L7 tier", s.name(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A server without a port (or with 0, or an offset) gets the port the client connected to
     * (configuration.txt "server"). The L7 tier connects to fixed ports, so Bascule uses that port
     * when it is the same for every frontend routing to this backend; a backend no frontend routes
     * to (the seed's {@code enabler}, only used through its agent) keeps its agent or check port.
     */
    private int destinationPort(Proxy backend, Server s, ServerOptions o) {
        Set<Integer> ports = new HashSet<>();
        boolean routed = false;
        for (Proxy f : config.frontends()) {
            boolean routes = f.defaultBackend().map(d -> d.backend().equals(backend.name())).orElse(false)
                    || f.useBackends().stream().anyMatch(u -> u.backend().equals(backend.name()))
                    || (f.kind().isBackend() && f.name().equals(backend.name()));
            if (routes) {
                routed = true;
                f.binds().forEach(b -> ports.add(((Endpoint.Inet) b.endpoint()).firstPort()));
            }
        }
        var inet = (Endpoint.Inet) s.address();
        if (routed && ports.size() == 1 && !inet.portOffset()) {
            int port = ports.iterator().next();
            notes.add(Diagnostic.of(Severity.WARNING, s.pos(), "server without port: the L7 tier uses the frontends' port", s.name() + ":" + port,
                    "a fixed port; the tier does not follow each client's destination port"));
            return port;
        }
        if (!routed) {
            int port = o.checkPort().orElse(o.agentPort().orElse(0));
            if (port > 0) {
                notes.add(Diagnostic.of(Severity.WARNING, s.pos(), "server without port in a backend no frontend routes to: it is only health-checked",
                        s.name(), "its traffic port is never used"));
                return port;
            }
        }
        error(s.pos(), "server port relative to the client's destination port not supported by the L7 tier", s.name(),
                "a fixed port in the address");
        return 0;
    }
}
