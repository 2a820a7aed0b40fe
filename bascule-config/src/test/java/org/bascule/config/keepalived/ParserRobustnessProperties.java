package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;

/** Properties over generated configurations, complementing the Jazzer fuzz test. */
class ParserRobustnessProperties {

    private static final List<String> WORDS = List.of("{", "}", "\n", " ", "\"", "'", "#", "!", "virtual_server", "real_server",
            "vrrp_instance", "global_defs", "TCP_CHECK", "HTTP_GET", "url", "path", "/", "10.0.0.1", "80", "lb_algo", "rr", "include",
            "$X=", "${X}", "@main", "~SEQ(A,3)", "~LST(B,a,b)", "weight", "1", "-1", "0.5", "2001:db8::1", "group", "fwmark",
            "virtual_ipaddress", "track_script", "vrrp_script", "script", "x", "notify", "\\", "virtual_server_group", "SSL");

    @Provide
    Arbitrary<String> keepaliveLike() {
        return Arbitraries.of(WORDS).list().ofMaxSize(80).map(words -> String.join(" ", words));
    }

    @Property(tries = 500)
    void neverThrowsOnKeepalivedLikeText(@ForAll("keepaliveLike") String text) {
        ParseResult<KeepalivedConfig> result = Configs.parse(text);
        assertThat(result.config()).isNotNull();
        assertThat(result.diagnostics()).extracting(Diagnostic::message).noneMatch(m -> m.startsWith("internal error"));
    }

    @Property(tries = 300)
    void neverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(Configs.parse(text).config()).isNotNull();
    }

    @Property(tries = 200)
    void everyDiagnosticPointsIntoTheText(@ForAll("keepaliveLike") String text) {
        int lines = text.split("\n", -1).length;
        for (Diagnostic d : Configs.parse(text).diagnostics()) {
            assertThat(d.pos().file()).isEqualTo("test.conf");
            assertThat(d.pos().line()).isBetween(1, lines);
        }
    }
}
