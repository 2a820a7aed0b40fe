package org.bascule.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.haproxy.HaproxyConfig;
import org.bascule.config.haproxy.HaproxyParser;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FlagSample;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.IntOp;
import org.bascule.l7.spec.MatchMethod;
import org.bascule.l7.spec.NumberSample;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxyProtocol;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerPool;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.StringMatch;
import org.bascule.l7.spec.TextSample;
import org.junit.jupiter.api.Test;

/** From the parsed haproxy.cfg to the L7 tier's spec, with a warning for everything the tier does not do yet. */
class HaproxyMappingTest {

    static final Path RESOURCES = Path.of("..", "bascule-config", "src", "test", "resources", "haproxy");

    /** Lines 1-5 of the small configurations below: an HTTP frontend whose default backend is {@code b}. */
    private static final String TO_BACKEND_B = """
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                default_backend b
            """;

    private static L7Plan plan(Path file, Map<String, String> env) {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse(file, env);
        assertThat(r.errors()).isEmpty();
        return HaproxyMapping.plan(r.config());
    }

    /** The spec of {@code cfg}, which must parse, and map without a note mentioning any of {@code quiet}. */
    private static ProxySpec specWithoutNotesOn(String name, String cfg, String... quiet) {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse(name, cfg);
        assertThat(r.errors()).isEmpty();
        L7Plan plan = HaproxyMapping.plan(r.config());
        for (String word : quiet) {
            assertThat(plan.notes()).extracting(Diagnostic::format).noneSatisfy(n -> assertThat(n).contains(word));
        }
        return plan.spec().orElseThrow();
    }

    @Test
    void theSeedMapsAsHaproxyRunsIt() {
        L7Plan plan = plan(RESOURCES.resolve("seed2.cfg"), Map.of());
        assertThat(plan.hasErrors()).isFalse();
        ProxySpec spec = plan.spec().orElseThrow();
        FrontendSpec fe = spec.frontends().getFirst();
        assertThat(fe.mode()).isEqualTo(ProxyMode.TCP);
        assertThat(fe.binds().getFirst().address()).isEqualTo(new InetSocketAddress("0.0.0.0", 80));
        // mode tcp: HAProxy ignores monitor-uri, and so does the tier (the parser warned).
        assertThat(fe.monitor()).isEmpty();
        BackendSpec servers = spec.backend("servers").orElseThrow();
        assertThat(servers.servers()).hasSize(4).allSatisfy(s -> {
            assertThat(s.sendProxy()).isEqualTo(ProxyProtocol.V1);
            assertThat(s.check()).isTrue();
            assertThat(s.agent()).hasValueSatisfying(a -> assertThat(a.port()).isEqualTo(5555));
        });
        assertThat(spec.backend("enabler").orElseThrow().servers().getFirst().address().getPort()).isEqualTo(5555);
        assertThat(plan.notes()).extracting(Diagnostic::format).anySatisfy(n -> assertThat(n).contains("seed2.cfg:4:").contains("v4v6 has no effect"))
                .anySatisfy(n -> assertThat(n).contains("seed2.cfg:22:").contains("only health-checked"));
    }

    @Test
    void allKeywordsMapWithWarningsForTheRest() {
        L7Plan plan = plan(RESOURCES.resolve("all-keywords.cfg"), Map.of("CERT_DIR", RESOURCES.toAbsolutePath().toString()));
        assertThat(plan.notes()).filteredOn(Diagnostic::isError).isEmpty();
        ProxySpec spec = plan.spec().orElseThrow();
        FrontendSpec www = spec.frontends().stream().filter(f -> f.name().equals("www")).findFirst().orElseThrow();
        assertThat(www.binds()).hasSize(3);
        assertThat(www.binds().get(1).tls()).isPresent();
        assertThat(www.binds().get(2).acceptProxy()).isTrue();
        assertThat(www.acls()).filteredOn(a -> a.name().equals("dead")).singleElement()
                .satisfies(a -> assertThat(a.test()).isEqualTo(new Condition.UsableServers("web", IntOp.LE, 0)));
        assertThat(www.requestRules()).hasSize(8);
        assertThat(www.requestRules().get(1)).isInstanceOfSatisfying(HttpRequestRule.Deny.class, d -> {
            assertThat(d.status()).isEqualTo(429);
            assertThat(d.when()).isEqualTo(new Condition.All(java.util.List.of(
                    new Condition.TrackedRequestRate(0, IntOp.GE, 21), new Condition.Not(new Condition.Acl("authenticated")))));
        });
        assertThat(www.acls()).filteredOn(a -> a.name().equals("authenticated")).singleElement().satisfies(a -> assertThat(a.test())
                .isEqualTo(new Condition.Header("authorization", new org.bascule.l7.spec.StringMatch(org.bascule.l7.spec.MatchMethod.FOUND, java.util.List.of(), false))));
        assertThat(www.monitor()).hasValueSatisfying(m -> assertThat(m.uri()).isEqualTo("/healthcheck"));
        assertThat(www.stickTable()).isPresent();
        assertThat(spec.frontends()).extracting(FrontendSpec::name).containsExactly("www", "stats");
        assertThat(spec.backend("stats")).isPresent();
        // Statements the tier does not act on are named with their line, never dropped silently.
        assertThat(plan.notes()).extracting(Diagnostic::format)
                .anySatisfy(n -> assertThat(n).contains("all-keywords.cfg:6:").contains("global setting").contains("'log stdout format raw local0'"))
                .anySatisfy(n -> assertThat(n).contains("all-keywords.cfg:8:").contains("'stats timeout 30s'"))
                .anySatisfy(n -> assertThat(n).contains("all-keywords.cfg:117:").contains("stats setting"))
                // option httpchk and http-check expect status are run by the L7 tier's HTTP check now
                .noneSatisfy(n -> assertThat(n).contains("all-keywords.cfg:59:"))
                .noneSatisfy(n -> assertThat(n).contains("all-keywords.cfg:60:"));
    }

    @Test
    void aclsOnTheRequestsOtherSamplesMapWithoutNotes() {
        L7Plan plan = plan(RESOURCES.resolve("reference").resolve("valid").resolve("request-samples.cfg"), Map.of());
        assertThat(plan.notes()).extracting(Diagnostic::format).isEmpty();
        FrontendSpec f = plan.spec().orElseThrow().frontends().getFirst();
        assertThat(f.acls()).extracting(org.bascule.l7.spec.AclSpec::test).containsExactly(
                new Condition.Text(new TextSample.UrlParam("lang"), new StringMatch(MatchMethod.EXACT, List.of("fr", "de"), false)),
                new Condition.Text(new TextSample.Cookie("group"), new StringMatch(MatchMethod.EXACT, List.of("beta"), false)),
                new Condition.Text(new TextSample.BodyParam("user"), new StringMatch(MatchMethod.EXACT, List.of("alice"), false)),
                new Condition.Text(TextSample.Plain.BODY, new StringMatch(MatchMethod.SUB, List.of("password"), false)));
        assertThat(f.requestRules().getFirst().when()).isEqualTo(new Condition.Any(List.of(
                // "gt N" is the range N+1 and up, as the parser reads it
                new Condition.Number(new NumberSample.HeaderCount("host"), IntOp.GE, 2),
                new Condition.Number(NumberSample.Plain.BODY_SIZE, IntOp.GE, 1048577),
                new Condition.Number(NumberSample.Plain.BODY_LENGTH, IntOp.GE, 16384))));
        assertThat(f.useBackends().get(2).when()).isEqualTo(new Condition.All(List.of(new Condition.Flag(FlagSample.TLS),
                new Condition.Text(TextSample.Plain.SNI, new StringMatch(MatchMethod.EXACT, List.of("a.example.org"), true)),
                new Condition.Flag(FlagSample.TLS_HAS_SNI), new Condition.Flag(FlagSample.FIRST_REQUEST))));
    }

    @Test
    void fastinterDowninterAndBodyExpectationsReachTheChecks() {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("c.cfg", TO_BACKEND_B + """
                backend b
                    option httpchk GET /status
                    http-check expect ! rstring (stack|trace)
                    http-check expect status 200
                    server s1 127.0.0.1:80 check inter 5s fastinter 500ms downinter 2s
                """);
        assertThat(r.errors()).isEmpty();
        L7Plan plan = HaproxyMapping.plan(r.config());
        assertThat(plan.notes()).extracting(Diagnostic::format).noneSatisfy(n -> assertThat(n).contains("c.cfg:8:"))
                .noneSatisfy(n -> assertThat(n).contains("c.cfg:9:")).noneSatisfy(n -> assertThat(n).contains("c.cfg:10:"));
        BackendSpec b = plan.spec().orElseThrow().backend("b").orElseThrow();
        assertThat(b.servers().getFirst().fastinter()).contains(java.time.Duration.ofMillis(500));
        assertThat(b.servers().getFirst().downinter()).contains(java.time.Duration.ofSeconds(2));
        assertThat(b.healthCheck()).isInstanceOfSatisfying(org.bascule.l7.spec.HealthCheckSpec.Http.class, h -> assertThat(h.expects())
                .containsExactly(new org.bascule.l7.spec.HttpCheckExpect.BodyRegex("(stack|trace)", true),
                        new org.bascule.l7.spec.HttpCheckExpect.Status("200", false)));
    }

    @Test
    void idleConnectionPoolKeywordsReachTheServer() {
        String cfg = TO_BACKEND_B + """
                backend b
                    default-server pool-purge-delay 300ms
                    server s1 127.0.0.1:80 pool-max-conn 20 pool-low-conn 4
                    server s2 127.0.0.1:81
                """;
        ParseResult<HaproxyConfig> bad = HaproxyParser.parse("p.cfg", cfg + """
                    server s3 127.0.0.1:82 pool-purge-delay soon
                    server s4 127.0.0.1:83 pool-max-conn -2
                """);
        assertThat(bad.errors()).extracting(Diagnostic::format)
                .anySatisfy(e -> assertThat(e).contains("p.cfg:10:").contains("'soon'"))
                .anySatisfy(e -> assertThat(e).contains("p.cfg:11:").contains("pool-max-conn"));
        ParseResult<HaproxyConfig> ok = HaproxyParser.parse("p.cfg", cfg);
        assertThat(ok.errors()).isEmpty();
        L7Plan plan = HaproxyMapping.plan(ok.config());
        assertThat(plan.notes()).extracting(Diagnostic::format).noneSatisfy(n -> assertThat(n).contains("pool"));
        List<ServerSpec> servers = plan.spec().orElseThrow().backend("b").orElseThrow().servers();
        assertThat(servers.get(0).pool()).isEqualTo(new ServerPool(20, java.time.Duration.ofMillis(300), 4));
        assertThat(servers.get(1).pool()).isEqualTo(new ServerPool(-1, java.time.Duration.ofMillis(300), 0));
    }

    @Test
    void tarpitHoldsForTimeoutTarpitElseTimeoutConnect() {
        ProxySpec spec = specWithoutNotesOn("t.cfg", """
                defaults
                    mode http
                    timeout connect 2s
                frontend f
                    bind 127.0.0.1:8080
                    http-request tarpit if { path_beg /admin }
                    default_backend b
                frontend g
                    bind 127.0.0.1:8081
                    timeout tarpit 7s
                    http-request tarpit
                    default_backend b
                backend b
                    server s1 127.0.0.1:80
                """, "tarpit");
        assertThat(spec.frontends().get(0).requestRules()).singleElement().isInstanceOfSatisfying(HttpRequestRule.Tarpit.class,
                t -> assertThat(t.delay()).isEqualTo(java.time.Duration.ofSeconds(2)));
        assertThat(spec.frontends().get(1).requestRules()).singleElement().isInstanceOfSatisfying(HttpRequestRule.Tarpit.class,
                t -> assertThat(t.delay()).isEqualTo(java.time.Duration.ofSeconds(7)));
    }

    /**
     * The WebSocket set-up HAProxy's manual suggests: timeout tunnel (and client-fin/server-fin for
     * half-closed ones) from defaults reaches every proxy, without a warning.
     */
    @Test
    void timeoutTunnelReachesTheBackends() {
        ProxySpec spec = specWithoutNotesOn("w.cfg", """
                defaults
                    mode http
                    timeout client 30s
                    timeout server 30s
                    timeout tunnel 1h
                    timeout client-fin 30s
                    timeout server-fin 20s
                frontend f
                    bind 127.0.0.1:8080
                    default_backend ws
                backend ws
                    server s1 127.0.0.1:80
                backend short
                    timeout tunnel 10m
                    server s2 127.0.0.1:81
                """, "tunnel", "-fin");
        assertThat(spec.frontends().getFirst().timeouts().clientFin()).contains(java.time.Duration.ofSeconds(30));
        assertThat(spec.backend("ws").orElseThrow().timeouts().serverFin()).contains(java.time.Duration.ofSeconds(20));
        assertThat(spec.backend("ws").orElseThrow().timeouts().tunnel()).contains(java.time.Duration.ofHours(1));
        assertThat(spec.backend("short").orElseThrow().timeouts().tunnel()).contains(java.time.Duration.ofMinutes(10));
    }

    /** option http-buffer-request where HAProxy takes it (frontend, backend), and http-request wait-for-body, without a warning. */
    @Test
    void httpBufferRequestAndWaitForBodyReachFrontendsAndBackends() {
        ProxySpec spec = specWithoutNotesOn("b.cfg", TO_BACKEND_B + """
                    option http-buffer-request
                frontend g
                    bind 127.0.0.1:8081
                    http-request wait-for-body time 2s at-least 4k
                    default_backend c
                backend b
                    server s1 127.0.0.1:80
                backend c
                    option http-buffer-request
                    server s2 127.0.0.1:81
                backend d
                    server s3 127.0.0.1:82
                """, "http-buffer-request", "wait-for-body");
        assertThat(spec.frontends()).extracting(f -> f.name() + "=" + f.bufferRequest()).containsExactly("f=true", "g=false");
        assertThat(spec.frontends().get(1).requestRules()).singleElement().isEqualTo(
                new HttpRequestRule.WaitForBody(java.time.Duration.ofSeconds(2), 4096, org.bascule.l7.spec.Condition.TRUE));
        assertThat(spec.backend("b").orElseThrow().bufferRequest()).isFalse();
        assertThat(spec.backend("c").orElseThrow().bufferRequest()).isTrue();
        assertThat(spec.backend("d").orElseThrow().bufferRequest()).isFalse();
    }

    @Test
    void aHostNameServerIsAnErrorNotASurprise() {
        ParseResult<HaproxyConfig> r = HaproxyParser.parse("h.cfg", TO_BACKEND_B + """
                backend b
                    server s1 web.example:80
                """);
        L7Plan plan = HaproxyMapping.plan(r.config());
        assertThat(plan.hasErrors()).isTrue();
        assertThat(plan.spec()).isEmpty();
        assertThat(plan.notes()).extracting(Diagnostic::format).anySatisfy(n -> assertThat(n).startsWith("h.cfg:7:5: error: host name not supported"));
    }
}
