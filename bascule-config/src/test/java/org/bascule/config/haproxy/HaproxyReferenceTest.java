package org.bascule.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;

/**
 * Compares with the reference: {@code haproxy -c} (Debian's HAProxy 2.6, installed by .ci/run)
 * and Bascule must accept and reject the same files of the corpus in
 * {@code src/test/resources/haproxy/reference/}: {@code valid/} (both accept), {@code invalid/}
 * (both reject) and {@code stricter/}, the few files HAProxy accepts by reading a bad number as 0
 * or truncating it, which Bascule refuses on purpose. Skipped, with the reason, when haproxy is
 * not installed.
 */
class HaproxyReferenceTest {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Path RESOURCES = Path.of("src/test/resources/haproxy").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("BIND_ADDR", "127.0.0.1", "BIND_PORT", "18082", "CERT_DIR", RESOURCES.toString());

    private static boolean haproxyAccepts(Path config) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(HAPROXY.toString(), "-c", "-q", "-f", config.toString()).redirectErrorStream(true);
        pb.environment().putAll(ENV);
        pb.directory(RESOURCES.toFile());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("haproxy -c finishes").isTrue();
        return p.exitValue() == 0;
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(RESOURCES.resolve("reference").resolve(dir))) {
            return s.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
        }
    }

    private static ParseResult<HaproxyConfig> bascule(Path file) {
        return HaproxyParser.parse(file, ENV);
    }

    @Test
    void bothAcceptTheValidCorpusTheSeedAndAllKeywords() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), "haproxy is not installed (.ci/run installs it): reference comparison skipped");
        List<Path> valid = new ArrayList<>(files("valid"));
        valid.add(RESOURCES.resolve("all-keywords.cfg"));
        valid.add(RESOURCES.resolve("seed2.cfg"));
        for (Path f : valid) {
            assertThat(haproxyAccepts(f)).as("haproxy -c accepts %s", f.getFileName()).isTrue();
            ParseResult<HaproxyConfig> r = bascule(f);
            assertThat(r.errors()).as("Bascule accepts %s", f.getFileName()).isEmpty();
        }
        assertThat(valid).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void bothRejectTheInvalidCorpus() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), "haproxy is not installed (.ci/run installs it): reference comparison skipped");
        List<Path> invalid = files("invalid");
        for (Path f : invalid) {
            assertThat(haproxyAccepts(f)).as("haproxy -c rejects %s", f.getFileName()).isFalse();
            assertThat(bascule(f).hasErrors()).as("Bascule rejects %s", f.getFileName()).isTrue();
        }
        assertThat(invalid).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void basculeIsStricterOnlyWhereDocumented() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), "haproxy is not installed (.ci/run installs it): reference comparison skipped");
        for (Path f : files("stricter")) {
            assertThat(haproxyAccepts(f)).as("haproxy -c accepts %s (it reads the bad number leniently)", f.getFileName()).isTrue();
            assertThat(bascule(f).hasErrors()).as("Bascule rejects %s", f.getFileName()).isTrue();
        }
    }
}
