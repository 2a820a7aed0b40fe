package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.bascule.config.SourcePos;

/**
 * One proxy section while it is read. A new proxy starts as a copy of its defaults section's
 * inheritable settings (HAProxy's {@code proxy_preset_defaults} + {@code copy from defproxy}):
 * mode, balance, options, timeouts, retries, maxconn, default_backend, monitor-uri,
 * default-server, http-reuse, httpchk and stats; plus, from a named defaults section, its ACLs
 * and http-request/http-response rules, which run before the proxy's own.
 */
final class ProxyBuilder {
    final ProxyKind kind;
    final String name;
    final SourcePos pos;
    Optional<String> defaultsName = Optional.empty();
    Mode mode = Mode.TCP;
    final List<Bind> binds = new ArrayList<>();
    final List<Acl> acls = new ArrayList<>();
    Optional<String> defaultBackend = Optional.empty();
    SourcePos defaultBackendPos;
    final List<BackendSwitch> useBackends = new ArrayList<>();
    Optional<String> monitorUri = Optional.empty();
    SourcePos monitorPos;
    final List<Condition> monitorFails = new ArrayList<>();
    Balance balance;
    Optional<HttpCheck> httpCheck = Optional.empty();
    final List<HttpCheck.Expect> expects = new ArrayList<>();
    final List<String> checkHeaders = new ArrayList<>();
    String checkMethod;
    String checkUri;
    String checkVersion;
    boolean disableOn404;
    Optional<ForwardFor> forwardFor = Optional.empty();
    final Map<String, Boolean> options = new LinkedHashMap<>();
    int retries = Proxy.DEFAULT_RETRIES;
    final Map<TimeoutKind, Duration> timeouts = new EnumMap<>(TimeoutKind.class);
    OptionalInt maxconn = OptionalInt.empty();
    ServerOptions defaultServer = ServerOptions.defaults();
    final List<Server> servers = new ArrayList<>();
    final List<HttpRule> httpRequest = new ArrayList<>();
    final List<HttpRule> httpResponse = new ArrayList<>();
    HttpReuse httpReuse = HttpReuse.SAFE;
    Optional<StickTable> stickTable = Optional.empty();
    Optional<String> statsUri = Optional.empty();
    boolean statsEnabled;
    SourcePos statsPos;
    final List<Setting> statsSettings = new ArrayList<>();
    final List<Setting> settings = new ArrayList<>();
    /** bind lines written, valid or not (a frontend without any gets HAProxy's warning). */
    int bindLines;
    /** ACL names usable in conditions of this section, in declaration order. */
    final Set<String> aclNames = new LinkedHashSet<>();

    ProxyBuilder(ProxyKind kind, String name, SourcePos pos) {
        this.kind = kind;
        this.name = name;
        this.pos = pos;
        this.balance = new Balance(Balance.Algorithm.ROUNDROBIN, Optional.empty(), List.of(), pos);
    }

    /** Copies what HAProxy copies from a defaults section into a new proxy. */
    void inherit(ProxyBuilder d) {
        defaultsName = Optional.of(d.name.isEmpty() ? "(anonymous defaults at line " + d.pos.line() + ")" : d.name);
        mode = d.mode;
        defaultBackend = d.defaultBackend;
        defaultBackendPos = d.defaultBackendPos;
        monitorUri = d.monitorUri;
        monitorPos = d.monitorPos;
        balance = d.balance;
        httpCheck = d.httpCheck;
        expects.addAll(d.expects);
        checkHeaders.addAll(d.checkHeaders);
        checkMethod = d.checkMethod;
        checkUri = d.checkUri;
        checkVersion = d.checkVersion;
        disableOn404 = d.disableOn404;
        forwardFor = d.forwardFor;
        options.putAll(d.options);
        retries = d.retries;
        timeouts.putAll(d.timeouts);
        maxconn = d.maxconn;
        defaultServer = d.defaultServer;
        httpReuse = d.httpReuse;
        statsUri = d.statsUri;
        statsEnabled = d.statsEnabled;
        statsPos = d.statsPos;
        statsSettings.addAll(d.statsSettings);
        settings.addAll(d.settings);
        acls.addAll(d.acls);
        aclNames.addAll(d.aclNames);
        httpRequest.addAll(d.httpRequest);
        httpResponse.addAll(d.httpResponse);
    }

    Proxy build() {
        Optional<HttpCheck> check = httpCheck.map(h -> new HttpCheck(
                checkMethod != null ? checkMethod : "OPTIONS", checkUri != null ? checkUri : "/",
                checkVersion != null ? checkVersion : "HTTP/1.0", checkHeaders, expects, disableOn404, h.pos()));
        Optional<Monitor> monitor = monitorUri.isPresent() || !monitorFails.isEmpty()
                ? Optional.of(new Monitor(monitorUri, monitorFails, monitorPos != null ? monitorPos : pos)) : Optional.empty();
        Optional<StatsPage> stats = statsEnabled || statsUri.isPresent()
                ? Optional.of(new StatsPage(statsUri.orElse(StatsPage.DEFAULT_URI), statsSettings, statsPos != null ? statsPos : pos))
                : Optional.empty();
        Optional<BackendSwitch> fallback = defaultBackend.map(b -> new BackendSwitch(b, Optional.empty(), defaultBackendPos != null ? defaultBackendPos : pos));
        return new Proxy(kind, name, pos, defaultsName, mode, binds, acls, fallback, useBackends, monitor, balance, check, forwardFor,
                options, retries, timeouts, maxconn, defaultServer, servers, httpRequest, httpResponse, httpReuse, stickTable, stats, settings);
    }
}
