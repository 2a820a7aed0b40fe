package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.AclSpec;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.ForwardFor;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.HttpResponseRule;
import org.bascule.l7.spec.IpRange;
import org.bascule.l7.spec.LogFormat;
import org.bascule.l7.spec.MonitorSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.StringMatch;
import org.bascule.l7.spec.Timeouts;
import org.bascule.l7.spec.UseBackendRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP proxy in front of real nginx servers: balancing, routing, rewriting, monitor-uri, IPv6 clients. */
class HttpProxyTest {

    @TempDir
    static Path dir;
    static Nginx a;
    static Nginx b;
    static Nginx api;
    static HealthMonitor health;
    static L7Proxy proxy;
    static InetSocketAddress v4;
    static InetSocketAddress v6;

    @BeforeAll
    static void start() throws Exception {
        a = Nginx.start("a", dir, "127.0.0.1", false);
        b = Nginx.start("b", dir, "127.0.0.1", false);
        api = Nginx.start("api", dir, "127.0.0.1", false);
        BackendSpec web = BackendSpec.of("web", List.of(ServerSpec.of("a", a.address("127.0.0.1")), ServerSpec.of("b", b.address("127.0.0.1"))))
                .withForwardFor(ForwardFor.standard())
                .withResponseRules(List.of(new HttpResponseRule.SetHeader("X-Backend", new LogFormat("web"), Condition.TRUE)));
        BackendSpec apis = BackendSpec.of("api", List.of(ServerSpec.of("api1", api.address("127.0.0.1"))));
        BackendSpec empty = BackendSpec.of("empty", List.of());
        List<AclSpec> acls = List.of(
                new AclSpec("is_api", new Condition.Path(StringMatch.begin("/api/"))),
                new AclSpec("is_api", new Condition.Header("host", StringMatch.exactIgnoreCase("api.example.org"))),
                new AclSpec("web_down", new Condition.UsableServers("web", org.bascule.l7.spec.IntOp.LT, 1)),
                new AclSpec("from_lan", new Condition.Source(List.of(IpRange.parse("10.0.0.0/8")))));
        List<HttpRequestRule> rules = List.of(
                new HttpRequestRule.Deny(403, new Condition.Path(StringMatch.begin("/admin"))),
                new HttpRequestRule.Redirect(HttpRequestRule.RedirectKind.PREFIX, "https://www.example.org", 301,
                        new Condition.Header("host", StringMatch.exactIgnoreCase("old.example.org"))),
                new HttpRequestRule.SetHeader("X-Test", new LogFormat("from %[src]"), Condition.TRUE),
                new HttpRequestRule.DelHeader("X-Secret", Condition.TRUE));
        FrontendSpec www = new FrontendSpec("www",
                List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0)), BindSpec.plain(new InetSocketAddress("::1", 0))),
                ProxyMode.HTTP, acls, rules, List.of(), List.of(new UseBackendRule("api", new Condition.Acl("is_api")),
                        new UseBackendRule("empty", new Condition.Path(StringMatch.exact("/nowhere")))),
                Optional.of("web"), Optional.of(new MonitorSpec("/healthcheck", List.of(new Condition.Acl("web_down")))),
                Optional.of("/stats"), Optional.empty(), Optional.empty(), Timeouts.typical(), 1000, false);
        health = new HealthMonitor();
        proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(www), List.of(web, apis, empty)), health);
        v4 = proxy.boundAddresses("www").get(0);
        v6 = proxy.boundAddresses("www").get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(proxy, health, a, b, api);
    }

    @Test
    void roundRobinAlternatesAndAddsForwardedFor() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(RawHttp.get(v4, "www.example.org", "/x").body());
        }
        List<String> servers = bodies.stream().map(s -> s.split(" ")[0]).toList();
        assertThat(servers).containsOnly("a", "b");
        for (int i = 1; i < servers.size(); i++) {
            assertThat(servers.get(i)).as("request %d", i).isNotEqualTo(servers.get(i - 1));
        }
        assertThat(bodies.getFirst()).contains("xff=127.0.0.1 ").contains("host=www.example.org ").contains("x=from 127.0.0.1");
    }

    @Test
    void ipv6ClientsReachIpv4Servers() throws Exception {
        RawHttp.Response r = RawHttp.get(v6, "www.example.org", "/six");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("xff=::1 ");
        assertThat(r.header("X-Backend")).isEqualTo("web");
    }

    @Test
    void routesByPathAndHost() throws Exception {
        assertThat(RawHttp.get(v4, "www.example.org", "/api/v1").body()).startsWith("api ");
        assertThat(RawHttp.get(v4, "API.example.org", "/other").body()).startsWith("api ");
        assertThat(RawHttp.get(v4, "www.example.org", "/other").body()).doesNotStartWith("api ");
        assertThat(RawHttp.get(v4, "www.example.org", "/nowhere").status()).isEqualTo(503);
    }

    @Test
    void denyRedirectAndHeaderRules() throws Exception {
        assertThat(RawHttp.get(v4, "www.example.org", "/admin/x").status()).isEqualTo(403);
        RawHttp.Response r = RawHttp.get(v4, "old.example.org", "/p?q=1");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo("https://www.example.org/p?q=1");
        assertThat(RawHttp.get(v4, "www.example.org", "/h", "X-Test: client-value").body()).contains("x=from 127.0.0.1");
    }

    @Test
    void monitorUriFollowsUsableServers() throws Exception {
        assertThat(RawHttp.get(v4, "lb", "/healthcheck").status()).isEqualTo(200);
        proxy.setServerState("web", "a", AdminState.MAINT);
        proxy.setServerState("web", "b", AdminState.DRAIN);
        try {
            assertThat(RawHttp.get(v4, "lb", "/healthcheck").status()).isEqualTo(503);
            assertThat(RawHttp.get(v4, "lb", "/anything").status()).isEqualTo(503);
        } finally {
            proxy.setServerState("web", "a", AdminState.READY);
            proxy.setServerState("web", "b", AdminState.READY);
        }
        assertThat(RawHttp.get(v4, "lb", "/healthcheck").status()).isEqualTo(200);
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        RawHttp.Response r = RawHttp.get(v4, "www.example.org", "/", "X-Big: " + "y".repeat(20_000));
        assertThat(r.status()).isEqualTo(431);
    }

    @Test
    void keepAliveClientsReuseServerConnections() throws Exception {
        int idleBefore = proxy.backend("web").orElseThrow().servers().stream().mapToInt(LiveServer::idleCount).sum();
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 50; i++) {
            var resp = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + v4.getPort() + "/big")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(200);
            assertThat(resp.body()).hasSize(16 * 1024);
        }
        int idle = proxy.backend("web").orElseThrow().servers().stream().mapToInt(LiveServer::idleCount).sum();
        // http-reuse safe: the client's first request had a connection of its own, then reused pooled ones.
        assertThat(idle - idleBefore).as("new pooled connections: at most one per server").isBetween(0, 2);
    }

    @Test
    void statsPageListsServers() throws Exception {
        RawHttp.Response r = RawHttp.get(v4, "lb", "/stats");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("backend web").contains("<td class=n>a</td>");
    }
}
