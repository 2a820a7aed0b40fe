package org.bascule.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;

/** Every keyword of issue 6's list, from {@code all-keywords.cfg} (which haproxy -c accepts too) to the model. */
class HaproxyKeywordsTest {

    static final Map<String, String> ENV = Map.of("CERT_DIR", Path.of("src/test/resources/haproxy").toAbsolutePath().toString());
    private final ParseResult<HaproxyConfig> result = HaproxyParser.parse(Path.of("src/test/resources/haproxy/all-keywords.cfg"), ENV);
    private final HaproxyConfig config = result.config();
    private final Proxy www = config.frontend("www").orElseThrow();

    @Test
    void noDiagnostic() {
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void global() {
        Global g = config.global();
        assertThat(g.maxconn()).hasValue(4096);
        assertThat(g.nbthread()).hasValue(2);
        assertThat(g.statsSockets()).singleElement().satisfies(s -> {
            assertThat(s.endpoint()).isEqualTo(new Endpoint.Unix("/tmp/bascule-haproxy-all-keywords.sock", false));
            assertThat(s.level()).contains("admin");
        });
        assertThat(g.statsTimeout()).contains(Duration.ofSeconds(30));
        assertThat(g.settings()).extracting(Setting::keyword).containsExactly("log", "stats", "tune.bufsize");
    }

    @Test
    void binds() {
        assertThat(www.binds()).hasSize(3);
        Bind plain = www.binds().get(0);
        assertThat(plain.v4v6()).isTrue();
        Bind tls = www.binds().get(1);
        assertThat(tls.endpoint()).isEqualTo(new Endpoint.Inet("::", 8443, 8443, false));
        assertThat(tls.ssl()).isTrue();
        assertThat(tls.certificates()).singleElement().asString().endsWith("/site.pem");
        assertThat(tls.alpn()).containsExactly("h2", "http/1.1");
        assertThat(www.binds().get(2).acceptProxy()).isTrue();
    }

    @Test
    void acls() {
        AclExpression api = www.acl("is_api").getFirst().expression();
        assertThat(api.fetch().name()).isEqualTo("path");
        assertThat(api.method()).isEqualTo(MatchMethod.BEG);
        assertThat(api.ignoreCase()).isTrue();
        assertThat(api.patterns()).containsExactly(new AclPattern.Text("/api/"), new AclPattern.Text("/v2/"));
        AclExpression host = www.acl("host_example").getFirst().expression();
        assertThat(host.fetch()).isEqualTo(new Fetch("hdr", List.of("host"), List.of()));
        assertThat(host.method()).isEqualTo(MatchMethod.DOM);
        assertThat(www.acl("from_lan").getFirst().expression().patterns()).containsExactly(
                new AclPattern.IpPrefix("10.0.0.0", 8), new AclPattern.IpPrefix("192.168.0.0", 16), new AclPattern.IpPrefix("2001:db8::", 32));
        assertThat(www.acl("authenticated").getFirst().expression().method()).isEqualTo(MatchMethod.FOUND);
        assertThat(www.acl("is_status").getFirst().expression().method()).isEqualTo(MatchMethod.STR);
    }

    @Test
    void switchingRulesWithConditions() {
        assertThat(www.useBackends()).extracting(BackendSwitch::backend).containsExactly("api", "static", "web");
        Condition statik = www.useBackends().get(1).condition().orElseThrow();
        assertThat(statik.alternatives()).hasSize(2);
        assertThat(statik.anonymous()).singleElement().satisfies(e -> assertThat(e.method()).isEqualTo(MatchMethod.BEG));
        assertThat(www.useBackends().get(2).condition().orElseThrow().unless()).isTrue();
        assertThat(www.defaultBackend().orElseThrow().backend()).isEqualTo("web");
        assertThat(www.monitor().orElseThrow().uri()).contains("/healthcheck");
    }

    @Test
    void rateLimitingWithAStickTable() {
        StickTable t = www.stickTable().orElseThrow();
        assertThat(t.type()).isEqualTo(StickTable.KeyType.IP);
        assertThat(t.size()).isEqualTo(100 * 1024);
        assertThat(t.expire()).contains(Duration.ofSeconds(30));
        assertThat(t.store()).containsExactly(new StickTable.Store("http_req_rate", java.util.Optional.of(Duration.ofSeconds(10))));
        assertThat(www.httpRequest().get(0)).isInstanceOfSatisfying(HttpRule.TrackSc.class, r -> {
            assertThat(r.counter()).isZero();
            assertThat(r.key().name()).isEqualTo("src");
        });
        assertThat(www.httpRequest().get(1)).isInstanceOfSatisfying(HttpRule.Deny.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            Condition c = r.condition().orElseThrow();
            assertThat(c.alternatives().getFirst()).hasSize(2);
            assertThat(c.alternatives().getFirst().get(1).negated()).isTrue();
            AclExpression rate = c.anonymous().getFirst();
            assertThat(rate.fetch()).isEqualTo(new Fetch("sc_http_req_rate", List.of("0"), List.of()));
            assertThat(rate.patterns()).containsExactly(new AclPattern.IntRange(21, Long.MAX_VALUE));
        });
    }

    @Test
    void httpRequestAndResponseRules() {
        assertThat(www.httpRequest()).hasSize(8);
        assertThat(www.httpRequest().get(3)).isInstanceOfSatisfying(HttpRule.Redirect.class, r -> {
            assertThat(r.type()).isEqualTo(HttpRule.RedirectType.SCHEME);
            assertThat(r.target()).isEqualTo("https");
            assertThat(r.code()).isEqualTo(301);
        });
        assertThat(www.httpRequest().get(4)).isInstanceOfSatisfying(HttpRule.Redirect.class, r -> assertThat(r.code()).isEqualTo(302));
        assertThat(www.httpRequest().get(5)).isEqualTo(new HttpRule.SetHeader("X-Forwarded-Proto", "https", www.httpRequest().get(5).condition(),
                www.httpRequest().get(5).pos()));
        assertThat(www.httpRequest().get(6)).isInstanceOf(HttpRule.AddHeader.class);
        assertThat(www.httpRequest().get(7)).isInstanceOfSatisfying(HttpRule.DelHeader.class, r -> assertThat(r.name()).isEqualTo("X-Debug"));
        assertThat(www.httpResponse()).singleElement().isInstanceOfSatisfying(HttpRule.SetHeader.class,
                r -> assertThat(r.value()).isEqualTo("max-age=31536000"));
        assertThat(www.forwardFor()).hasValueSatisfying(f -> {
            assertThat(f.except()).contains("127.0.0.0/8");
            assertThat(f.header()).isEqualTo("X-Forwarded-For");
        });
    }

    @Test
    void defaultsAreInherited() {
        for (Proxy p : config.proxies()) {
            assertThat(p.mode()).as(p.name()).isEqualTo(Mode.HTTP);
            assertThat(p.option("redispatch")).as(p.name()).isTrue();
            assertThat(p.timeout(TimeoutKind.CONNECT)).contains(Duration.ofSeconds(5));
            assertThat(p.timeout(TimeoutKind.QUEUE)).contains(Duration.ofMinutes(1));
        }
        assertThat(www.maxconn()).hasValue(2000);
        assertThat(www.timeout(TimeoutKind.HTTP_REQUEST)).contains(Duration.ofSeconds(10));
        assertThat(www.timeout(TimeoutKind.HTTP_KEEP_ALIVE)).contains(Duration.ofSeconds(2));
        Proxy api = config.backend("api").orElseThrow();
        assertThat(api.retries()).isEqualTo(2);
        assertThat(api.timeout(TimeoutKind.SERVER)).contains(Duration.ofMinutes(1));
        assertThat(config.backend("web").orElseThrow().retries()).isEqualTo(3);
    }

    @Test
    void balanceAlgorithms() {
        Map<String, String> expected = Map.of("web", "roundrobin", "api", "leastconn", "static", "static-rr", "by-first", "first",
                "by-source", "source", "by-uri", "uri", "by-header", "hdr(host)", "by-random", "random", "by-random2", "random(2)");
        expected.forEach((backend, balance) -> assertThat(config.backend(backend).orElseThrow().balance().toString()).as(backend).isEqualTo(balance));
        assertThat(config.backend("by-random2").orElseThrow().balance().parameter()).contains("2");
    }

    @Test
    void healthChecks() {
        HttpCheck web = config.backend("web").orElseThrow().httpCheck().orElseThrow();
        assertThat(List.of(web.method(), web.uri(), web.version())).containsExactly("GET", "/health", "HTTP/1.1");
        assertThat(web.expects()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(HttpCheck.ExpectKind.STATUS);
            assertThat(e.pattern()).isEqualTo("200-399");
        });
        assertThat(config.backend("api").orElseThrow().httpCheck().orElseThrow().expects().getFirst().kind()).isEqualTo(HttpCheck.ExpectKind.STRING);
        // 'http-check expect' before 'option httpchk' in the same section still belongs to it.
        HttpCheck statik = config.backend("static").orElseThrow().httpCheck().orElseThrow();
        assertThat(statik.method()).isEqualTo("HEAD");
        assertThat(statik.expects().getFirst().kind()).isEqualTo(HttpCheck.ExpectKind.RSTATUS);
    }

    @Test
    void servers() {
        Proxy web = config.backend("web").orElseThrow();
        ServerOptions w1 = web.server("web1").orElseThrow().options();
        assertThat(w1.check()).isTrue();
        assertThat(w1.inter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(List.of(w1.rise(), w1.fall(), w1.weight())).containsExactly(2, 3, 10);
        assertThat(w1.sendProxy()).isEqualTo(ProxyProtocol.V1);
        assertThat(w1.agentCheck()).isTrue();
        assertThat(w1.agentPort()).hasValue(5555);
        assertThat(w1.effectiveAgentInter()).isEqualTo(Duration.ofSeconds(5));
        ServerOptions w2 = web.server("web2").orElseThrow().options();
        assertThat(w2.sendProxy()).isEqualTo(ProxyProtocol.V2);
        assertThat(w2.inter()).as("from default-server in defaults").isEqualTo(Duration.ofSeconds(3));
        assertThat(w2.maxconn()).hasValue(100);
        assertThat(web.server("web3").orElseThrow().options().backup()).isTrue();
        ServerOptions w4 = web.server("web4").orElseThrow().options();
        assertThat(w4.ssl()).isTrue();
        assertThat(w4.verify()).contains("none");
        assertThat(w4.disabled()).isTrue();
        assertThat(web.httpReuse()).isEqualTo(HttpReuse.SAFE);
        assertThat(config.backend("api").orElseThrow().httpReuse()).isEqualTo(HttpReuse.ALWAYS);
        assertThat(config.backend("api").orElseThrow().server("api1").orElseThrow().address()).isEqualTo(new Endpoint.Inet("::1", 9011, 9011, false));
    }

    @Test
    void statsPageOfAListen() {
        Proxy stats = config.proxies().stream().filter(p -> p.name().equals("stats")).findFirst().orElseThrow();
        assertThat(stats.kind()).isEqualTo(ProxyKind.LISTEN);
        assertThat(stats.stats().orElseThrow().uri()).isEqualTo("/stats");
        assertThat(stats.stats().orElseThrow().setting("refresh")).contains(List.of("10s"));
        assertThat(config.frontends()).extracting(Proxy::name).containsExactly("www", "stats");
        assertThat(config.backends()).extracting(Proxy::name).contains("web", "stats");
    }

    @Test
    void namedDefaultsAndFrom() {
        String text = """
                defaults base
                    mode http
                    timeout client 1s
                    timeout connect 1s
                    timeout server 1s
                    acl internal src 10.0.0.0/8
                    http-request deny unless internal
                defaults
                    retries 7
                frontend f from base
                    bind :8080
                    default_backend b
                backend b
                    mode http
                    server s 127.0.0.1:80
                """;
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("d.cfg", text);
        Proxy f = r.config().frontend("f").orElseThrow();
        assertThat(f.defaultsName()).contains("base");
        assertThat(f.mode()).isEqualTo(Mode.HTTP);
        assertThat(f.httpRequest()).singleElement().isInstanceOf(HttpRule.Deny.class);
        Proxy b = r.config().backend("b").orElseThrow();
        // The anonymous defaults starts afresh: no timeouts, but its own retries.
        assertThat(b.retries()).isEqualTo(7);
        assertThat(b.timeout(TimeoutKind.CONNECT)).isEmpty();
        assertThat(r.errors()).isEmpty();
    }
}
