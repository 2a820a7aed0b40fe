package org.bascule.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy configuration of the second source document ("Dernier niveau : répartition L7"),
 * copied as printed into {@code src/test/resources/haproxy/seed2.cfg} (the document's
 * indentation was lost; HAProxy does not need it).
 */
class HaproxySeedTest {

    private final ParseResult<HaproxyConfig> result = HaproxyParser.parse(Path.of("src/test/resources/haproxy/seed2.cfg"));

    @Test
    void parsesWithoutErrorsAndWithHaproxysWarnings() {
        assertThat(result.errors()).isEmpty();
        // The same three warnings haproxy -c prints: no timeouts, and monitor-uri needs mode http.
        assertThat(result.warnings()).extracting(Diagnostic::format).containsExactly(
                "src/test/resources/haproxy/seed2.cfg:2:1: warning: missing timeouts for frontend 'l7lb' (timeout client set here or in defaults; without them a stuck peer holds its connection forever)",
                "src/test/resources/haproxy/seed2.cfg:10:1: warning: monitor-uri ignored in frontend 'l7lb' (it needs 'mode http') '/healthcheck' ('mode http' in this section or in defaults)",
                "src/test/resources/haproxy/seed2.cfg:13:1: warning: missing timeouts for backend 'servers' (timeout connect, timeout server set here or in defaults; without them a stuck peer holds its connection forever)",
                "src/test/resources/haproxy/seed2.cfg:21:1: warning: missing timeouts for backend 'enabler' (timeout connect, timeout server set here or in defaults; without them a stuck peer holds its connection forever)");
    }

    @Test
    void frontendListensOnPort80ForBothFamiliesAndMonitorsItsBackends() {
        Proxy fe = result.config().frontend("l7lb").orElseThrow();
        assertThat(fe.binds()).singleElement().satisfies(b -> {
            assertThat(b.endpoint()).isEqualTo(new Endpoint.Inet("", 80, 80, false));
            assertThat(b.v4v6()).isTrue();
        });
        assertThat(fe.defaultBackend()).hasValueSatisfying(d -> assertThat(d.backend()).isEqualTo("servers"));
        AclExpression dead = fe.acl("dead").getFirst().expression();
        assertThat(dead.fetch()).isEqualTo(new Fetch("nbsrv", List.of("servers"), List.of()));
        assertThat(dead.method()).isEqualTo(MatchMethod.INT);
        assertThat(dead.patterns()).containsExactly(new AclPattern.IntRange(Long.MIN_VALUE, 0));
        Monitor m = fe.monitor().orElseThrow();
        assertThat(m.uri()).contains("/healthcheck");
        assertThat(m.fails()).singleElement().satisfies(c -> {
            assertThat(c.unless()).isFalse();
            assertThat(c.alternatives()).hasSize(2);
            assertThat(c.names()).extracting(Condition.AclRef.Named::name).containsExactly("dead", "disabled");
        });
    }

    @Test
    void serversAreCheckedOverHttpAndByTheirAgent() {
        Proxy servers = result.config().backend("servers").orElseThrow();
        assertThat(servers.balance().algorithm()).isEqualTo(Balance.Algorithm.ROUNDROBIN);
        assertThat(servers.httpCheck()).hasValueSatisfying(h -> assertThat(h.method() + " " + h.uri()).isEqualTo("OPTIONS /"));
        assertThat(servers.servers()).extracting(Server::name).containsExactly("web1", "web2", "web3", "web4");
        Server web1 = servers.servers().getFirst();
        assertThat(web1.address()).isEqualTo(new Endpoint.Inet("2001:db8:1:0:2::1", 80, 80, false));
        assertThat(web1.options().sendProxy()).isEqualTo(ProxyProtocol.V1);
        assertThat(web1.options().check()).isTrue();
        assertThat(web1.options().agentCheck()).isTrue();
        assertThat(web1.options().agentPort()).hasValue(5555);
        Server enabler = result.config().backend("enabler").orElseThrow().servers().getFirst();
        assertThat(enabler.address()).isEqualTo(new Endpoint.Inet("::1", 0, 0, false));
        assertThat(enabler.options().check()).isFalse();
        assertThat(enabler.options().agentCheck()).isTrue();
    }
}
