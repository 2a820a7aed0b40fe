package org.bascule.l7.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxySpecTest {

    private static final InetSocketAddress S1 = new InetSocketAddress("127.0.0.1", 8081);

    @Test
    void unknownBackendIsNamed() {
        FrontendSpec f = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "nope");
        assertThatThrownBy(() -> new ProxySpec(GlobalSpec.defaults(), List.of(f), List.of()))
                .hasMessage("frontend www default_backend: nope (expected: a declared backend)");
    }

    @Test
    void modesMustAgree() {
        FrontendSpec f = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "web");
        BackendSpec b = BackendSpec.of("web", List.of(ServerSpec.of("s1", S1))).withMode(ProxyMode.TCP);
        assertThatThrownBy(() -> new ProxySpec(GlobalSpec.defaults(), List.of(f), List.of(b)))
                .hasMessageContaining("mode tcp (expected: mode http)");
    }

    @Test
    void undeclaredAclIsRejected() {
        assertThatThrownBy(() -> new FrontendSpec("www", List.of(BindSpec.plain(S1)), ProxyMode.HTTP, List.of(), List.of(),
                List.of(), List.of(new UseBackendRule("api", new Condition.Acl("is_api"))), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Timeouts.NONE, 100, false))
                .hasMessage("acl: is_api (expected: an acl declared in the frontend)");
    }

    @Test
    void serverFieldsAreRangeChecked() {
        assertThatThrownBy(() -> ServerSpec.of("s1", S1).withWeight(257)).hasMessage("server s1 weight: 257 (expected: 0-256)");
        assertThatThrownBy(() -> ServerSpec.of("s 1", S1)).hasMessageContaining("server name: 's 1'");
    }

    @Test
    void duplicateServerNames() {
        assertThatThrownBy(() -> BackendSpec.of("web", List.of(ServerSpec.of("a", S1), ServerSpec.of("a", S1))))
                .hasMessage("backend web server: a (expected: a name unique in the backend)");
    }

    @Test
    void ipRangesMatchV4MappedClients() throws Exception {
        IpRange lan = IpRange.parse("10.0.0.0/8");
        assertThat(lan.contains(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(lan.contains(InetAddress.getByName("::ffff:10.1.2.3"))).isTrue();
        assertThat(lan.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(IpRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThatThrownBy(() -> IpRange.parse("10.0.0.1/8")).hasMessageContaining("no host bits");
        assertThatThrownBy(() -> IpRange.parse("example.org")).hasMessageContaining("expected: an IPv4 or IPv6");
    }

    @Test
    void logFormatRejectsUnknownVariables() {
        assertThat(new LogFormat("%[src]:%[src_port] via %fi").text()).isNotEmpty();
        assertThatThrownBy(() -> new LogFormat("%[rand]")).hasMessageContaining("log-format");
    }

    @Test
    void regexPatternsAreCompiled() {
        assertThatThrownBy(() -> new StringMatch(MatchMethod.REGEX, List.of("("), false)).hasMessageContaining("regex: '('");
    }
}
