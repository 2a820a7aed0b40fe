package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyword tables as data: every keyword of every table is exercised by
 * {@code all-keywords.conf} (which parses without error), every keyword is documented, and a
 * keyword written in the wrong block is answered with the block it belongs in.
 */
class KeywordTablesTest {

    private static final Path ALL = Path.of("src/test/resources/keepalived/all-keywords.conf");

    /** Which blocks hold keywords (rather than value lines), per enclosing section. */
    private static final Map<String, Map<String, String>> NESTED = Map.of(
            KeywordIndex.TOP_LEVEL, Map.ofEntries(Map.entry("global_defs", "global_defs"), Map.entry("vrrp_script", "vrrp_script"),
                    Map.entry("track_file", "track_file"), Map.entry("vrrp_track_file", "track_file"),
                    Map.entry("vrrp_sync_group", "vrrp_sync_group"), Map.entry("vrrp_instance", "vrrp_instance"),
                    Map.entry("virtual_server", "virtual_server"), Map.entry("SSL", "SSL"),
                    Map.entry("vrrp_track_process", "vrrp_track_process"), Map.entry("bfd_instance", "bfd_instance"),
                    Map.entry("garp_group", "garp_group"), Map.entry("track_group", "track_group")),
            "vrrp_instance", Map.of("authentication", "authentication"),
            "virtual_server", Map.of("real_server", "real_server"),
            "real_server", Map.of("TCP_CHECK", "TCP_CHECK", "HTTP_GET", "HTTP_GET", "SSL_GET", "SSL_GET", "MISC_CHECK", "MISC_CHECK",
                    "SMTP_CHECK", "SMTP_CHECK", "DNS_CHECK", "DNS_CHECK", "PING_CHECK", "PING_CHECK", "UDP_CHECK", "UDP_CHECK",
                    "FILE_CHECK", "FILE_CHECK", "BFD_CHECK", "BFD_CHECK"),
            "HTTP_GET", Map.of("url", "url"),
            "SSL_GET", Map.of("url", "url"),
            "SMTP_CHECK", Map.of("host", "host"));

    @Test
    void everyKeywordOfEveryTableAppearsInAllKeywordsConf() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        LinePreprocessor preprocessor = new LinePreprocessor("main", new ParameterTable("main", new SplittableRandom(1)), diagnostics);
        List<Stanza> stanzas = new StanzaReader(preprocessor, diagnostics)
                .read(new FileLines(ALL.toString(), ALL.getParent(), Files.readString(ALL)), ALL);
        Map<String, Set<String>> seen = new HashMap<>();
        collect(KeywordIndex.TOP_LEVEL, stanzas, seen);
        for (KeywordTable<?> table : KeywordIndex.tables()) {
            Set<String> names = new HashSet<>();
            table.keywords().forEach(k -> names.add(k.name()));
            assertThat(seen.getOrDefault(table.section(), Set.of())).as("keywords of %s used in all-keywords.conf", table.section())
                    .containsAll(names);
        }
    }

    private static void collect(String section, List<Stanza> stanzas, Map<String, Set<String>> seen) {
        for (Stanza s : stanzas) {
            seen.computeIfAbsent(section, x -> new HashSet<>()).add(s.name());
            String child = NESTED.getOrDefault(section, Map.of()).get(s.name());
            if (child != null) {
                collect(child, s.children(), seen);
            }
        }
    }

    @Test
    void allKeywordsConfHasNoErrorAndOnlyExpectedWarnings() {
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse(ALL, Configs.OPTIONS);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(Diagnostic::message).allMatch(m -> m.startsWith("deprecated")
                || m.startsWith("unsupported checker") || m.startsWith("scheduler flag") || m.startsWith("keyword keepalived 2.2 ignores")
                || m.startsWith("keyword without effect"), "deprecated, unsupported or flag warnings only");
        assertThat(result.config().virtualServers().getFirst().realServers().getFirst().checkers()).hasSize(11);
    }

    @Test
    void everyKeywordIsDocumented() {
        for (KeywordTable<?> table : KeywordIndex.tables()) {
            for (Keyword<?> k : table.keywords()) {
                assertThat(k.usage()).as(table.section() + " " + k.name()).startsWith(k.name());
                assertThat(k.doc()).as(table.section() + " " + k.name()).isNotBlank();
            }
        }
    }

    static Stream<String> virtualServerOnlyKeywords() {
        return VirtualServerSection.TABLE.keywords().stream().map(Keyword::name)
                .filter(n -> !VrrpInstanceSection.TABLE.contains(n) && !n.equals("real_server"));
    }

    @ParameterizedTest
    @MethodSource("virtualServerOnlyKeywords")
    void aVirtualServerKeywordInAVrrpInstanceSaysWhereItBelongs(String keyword) {
        List<String> diagnostics = Configs.diagnostics("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n " + keyword + " 1\n}\n");
        assertThat(diagnostics).singleElement().asString()
                .startsWith("test.conf:4:2: warning: '" + keyword + "' is not valid in vrrp_instance (it belongs in ")
                .contains("virtual_server");
    }

    static Stream<String> vrrpInstanceOnlyKeywords() {
        return VrrpInstanceSection.TABLE.keywords().stream().map(Keyword::name)
                .filter(n -> !VirtualServerSection.TABLE.contains(n) && KeywordIndex.sectionsOf(n).size() == 1);
    }

    @ParameterizedTest
    @MethodSource("vrrpInstanceOnlyKeywords")
    void aVrrpInstanceKeywordInAVirtualServerSaysWhereItBelongs(String keyword) {
        assertThat(Configs.diagnostics(Configs.virtualServer(" " + keyword + " x", "  TCP_CHECK {\n  }")))
                .anyMatch(d -> d.equals("test.conf:5:2: warning: '" + keyword + "' is not valid in virtual_server (it belongs in vrrp_instance)")
                        || d.equals("test.conf:5:2: error: '" + keyword + "' is not valid in virtual_server (it belongs in vrrp_instance)"));
    }

    @Test
    void synonymsShareTheirHandler() {
        String a = Configs.virtualServer("", "  TCP_CHECK {\n  }").replace("lb_algo rr", "lvs_sched sh").replace("lb_kind NAT", "lvs_method DR");
        VirtualServer vs = Configs.clean(a).virtualServers().getFirst();
        assertThat(vs.scheduler()).isEqualTo("sh");
        assertThat(vs.forwarding().kind()).isEqualTo(LbKind.DR);
        HttpGetCheck http = (HttpGetCheck) Configs.valid(Configs.virtualServer("", "  HTTP_GET {\n   nb_get_retry 4\n   url {\n    path /\n   }\n  }"))
                .virtualServers().getFirst().realServers().getFirst().checkers().getFirst();
        assertThat(http.schedule().retry()).isEqualTo(4);
    }

    @Test
    void theIndexKnowsEverySection() {
        assertThat(KeywordIndex.sectionsOf("lb_algo")).containsExactly("virtual_server");
        assertThat(KeywordIndex.sectionsOf("connect_timeout")).contains("virtual_server", "real_server", "TCP_CHECK", "HTTP_GET");
        assertThat(KeywordIndex.sectionsOf("no_such_keyword")).isEmpty();
        assertThat(KeywordIndex.tables()).extracting(KeywordTable::section).doesNotHaveDuplicates();
    }
}
