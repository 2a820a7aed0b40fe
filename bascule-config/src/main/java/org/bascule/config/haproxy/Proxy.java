package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.config.SourcePos;

/**
 * One {@code defaults}, {@code frontend}, {@code backend} or {@code listen} section, with what it
 * inherited from its {@code defaults} section already applied (as HAProxy copies the defaults
 * into each proxy when the proxy is declared: configuration.txt section 4).
 *
 * @param kind            the section keyword
 * @param name            the proxy name; empty for an anonymous {@code defaults}
 * @param pos             the section line
 * @param defaultsName    the {@code defaults} section it inherited from ({@code from NAME} or the last one above), if any
 * @param mode            {@code mode}
 * @param binds           {@code bind} addresses (frontend side)
 * @param acls            {@code acl} lines, in order
 * @param defaultBackend  {@code default_backend}: a switching rule without condition, tried after the others
 * @param useBackends     {@code use_backend} rules, in order
 * @param monitor         {@code monitor-uri} / {@code monitor fail}
 * @param balance         {@code balance}
 * @param httpCheck       {@code option httpchk} and its {@code http-check} lines
 * @param forwardFor      {@code option forwardfor}
 * @param options         the other {@code option} / {@code no option} flags: name to enabled
 * @param retries         {@code retries} (HAProxy's default 3)
 * @param timeouts        {@code timeout} values that were set
 * @param maxconn         {@code maxconn} (frontend side)
 * @param defaultServer   {@code default-server} options (backend side)
 * @param servers         {@code server} lines
 * @param httpRequest     {@code http-request} rules, in order
 * @param httpResponse    {@code http-response} rules, in order
 * @param httpReuse       {@code http-reuse}
 * @param stickTable      {@code stick-table}
 * @param stats           {@code stats uri}/{@code stats enable} and friends
 * @param settings        other statements HAProxy accepts, kept as written
 */
public record Proxy(ProxyKind kind, String name, SourcePos pos, Optional<String> defaultsName, Mode mode, List<Bind> binds, List<Acl> acls,
                    Optional<BackendSwitch> defaultBackend, List<BackendSwitch> useBackends, Optional<Monitor> monitor, Balance balance,
                    Optional<HttpCheck> httpCheck, Optional<ForwardFor> forwardFor, Map<String, Boolean> options, int retries,
                    Map<TimeoutKind, Duration> timeouts, OptionalInt maxconn, ServerOptions defaultServer, List<Server> servers,
                    List<HttpRule> httpRequest, List<HttpRule> httpResponse, HttpReuse httpReuse, Optional<StickTable> stickTable,
                    Optional<StatsPage> stats, List<Setting> settings) {

    /** HAProxy's {@code retries} when not written. */
    public static final int DEFAULT_RETRIES = 3;

    public Proxy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(defaultsName, "defaultsName");
        Objects.requireNonNull(mode, "mode");
        binds = List.copyOf(binds);
        acls = List.copyOf(acls);
        Objects.requireNonNull(defaultBackend, "defaultBackend");
        useBackends = List.copyOf(useBackends);
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(httpCheck, "httpCheck");
        Objects.requireNonNull(forwardFor, "forwardFor");
        options = Map.copyOf(options);
        timeouts = Map.copyOf(timeouts);
        Objects.requireNonNull(maxconn, "maxconn");
        Objects.requireNonNull(defaultServer, "defaultServer");
        servers = List.copyOf(servers);
        httpRequest = List.copyOf(httpRequest);
        httpResponse = List.copyOf(httpResponse);
        Objects.requireNonNull(httpReuse, "httpReuse");
        Objects.requireNonNull(stickTable, "stickTable");
        Objects.requireNonNull(stats, "stats");
        settings = List.copyOf(settings);
    }

    /** The {@code timeout KIND} value, if set here or inherited. */
    public Optional<Duration> timeout(TimeoutKind kind) {
        return Optional.ofNullable(timeouts.get(kind));
    }

    /** True when {@code option NAME} is in effect (written or inherited, not cancelled by {@code no option}). */
    public boolean option(String name) {
        return options.getOrDefault(name, false);
    }

    /** The server called {@code name}. */
    public Optional<Server> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The ACL lines called {@code name} (several lines are ORed). */
    public List<Acl> acl(String name) {
        return acls.stream().filter(a -> a.name().equals(name)).toList();
    }
}
