package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares with the reference: {@code keepalived -t} (Debian's keepalived 2.2.7, installed by
 * .ci/run) must know every keyword Bascule accepts in the seed and all-keywords files, except
 * the few that keepalived.conf(5) documents but this build does not register. Skipped, with the
 * reason, when keepalived is not installed.
 */
class KeepalivedReferenceTest {

    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final Pattern UNKNOWN = Pattern.compile("Unknown keyword '([^']+)'");

    @TempDir
    Path dir;

    private List<String> unknownKeywords(Path config) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(KEEPALIVED), "keepalived is not installed (.ci/run installs it): reference comparison skipped");
        Process p = new ProcessBuilder(KEEPALIVED.toString(), "-t", "-l", "-D", "-f", config.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("keepalived -t finishes").isTrue();
        Matcher m = UNKNOWN.matcher(out);
        List<String> unknown = new java.util.ArrayList<>();
        while (m.find()) {
            unknown.add(m.group(1));
        }
        return unknown.stream().distinct().toList();
    }

    @Test
    void keepalivedKnowsTheSeedKeywords() throws Exception {
        for (String seed : List.of("seed1-fixed.conf", "seed1-backup.conf", "seed2.conf")) {
            assertThat(unknownKeywords(Path.of("src/test/resources/keepalived", seed))).as(seed).isEmpty();
        }
    }

    @Test
    void keepalivedKnowsAllKeywordsButTheDocumentedExtras() throws Exception {
        // keepalived needs existing users and namespaces to read past global_defs.
        String text = Files.readString(Path.of("src/test/resources/keepalived/all-keywords.conf"))
                .replace("script_user keepalived_script keepalived_script", "script_user root")
                .replaceAll("user nobody( nogroup)?", "user root")
                .replaceAll("(?m)^(net_namespace|instance) .*$", "");
        Path config = Files.writeString(dir.resolve("all.conf"), text);
        assertThat(unknownKeywords(config)).isSubsetOf(
                // Documented in keepalived.conf(5) of 2.2.7 but not registered by Debian's build:
                "vrrp_ipsets",      // needs ipset support
                "notify_deleted",   // documented for vrrp_sync_group, registered for vrrp_instance only
                "dynamic",          // FILE_CHECK dynamic
                "lb_kind");         // real_server synonym of lvs_method, warned about by Bascule
    }
}
