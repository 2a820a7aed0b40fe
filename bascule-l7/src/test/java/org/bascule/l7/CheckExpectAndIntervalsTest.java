package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.bascule.health.CheckStatus;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.HealthCheckSpec;
import org.bascule.l7.spec.HttpCheckExpect;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-check expect [!] status|rstatus|string|rstring} and {@code fastinter}/{@code downinter}
 * against a real nginx whose {@code /files/health} is a file the test writes, changes and deletes.
 */
class CheckExpectAndIntervalsTest {

    private static final Duration INTER = Duration.ofMillis(150);

    @TempDir
    Path dir;

    /** One backend per expectation, all checking the same nginx. */
    @Test
    void everyExpectVariantJudgesStatusOrBody() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            Files.writeString(n.files().resolve("health"), "db=ok queue=12\n");
            record Case(String name, List<HttpCheckExpect> expects, boolean up, CheckStatus failure) {}
            List<Case> cases = List.of(
                    new Case("status", List.of(new HttpCheckExpect.Status("200", false)), true, null),
                    new Case("notstatus", List.of(new HttpCheckExpect.Status("200-299", true)), false, CheckStatus.L7STS),
                    new Case("rstatus", List.of(new HttpCheckExpect.StatusRegex("^2", false)), true, null),
                    new Case("notrstatus", List.of(new HttpCheckExpect.StatusRegex("^2", true)), false, CheckStatus.L7STS),
                    new Case("string", List.of(new HttpCheckExpect.BodyContains("db=ok", false)), true, null),
                    new Case("stringmissing", List.of(new HttpCheckExpect.BodyContains("db=down", false)), false, CheckStatus.L7RSP),
                    new Case("notstring", List.of(new HttpCheckExpect.BodyContains("db=ok", true)), false, CheckStatus.L7RSP),
                    new Case("notstringabsent", List.of(new HttpCheckExpect.BodyContains("error", true)), true, null),
                    new Case("rstring", List.of(new HttpCheckExpect.BodyRegex("queue=[0-9]{1,2}\\b", false)), true, null),
                    new Case("rstringmiss", List.of(new HttpCheckExpect.BodyRegex("queue=[0-9]{3,}", false)), false, CheckStatus.L7RSP),
                    new Case("notrstring", List.of(new HttpCheckExpect.BodyRegex("^db=", true)), false, CheckStatus.L7RSP),
                    // Several expect rules on the one response: all must pass, in order (HAProxy 2.2+).
                    new Case("statusandstring", List.of(new HttpCheckExpect.Status("200", false),
                            new HttpCheckExpect.BodyContains("db=ok", false)), true, null),
                    new Case("statusthenmissing", List.of(new HttpCheckExpect.Status("200", false),
                            new HttpCheckExpect.BodyContains("db=down", false)), false, CheckStatus.L7RSP),
                    new Case("stringthenstatus", List.of(new HttpCheckExpect.BodyContains("db=ok", false),
                            new HttpCheckExpect.Status("500", false)), false, CheckStatus.L7STS),
                    new Case("twobodies", List.of(new HttpCheckExpect.BodyContains("db=ok", false),
                            new HttpCheckExpect.BodyRegex("queue=[0-9]+", false)), true, null));
            List<BackendSpec> backends = new ArrayList<>();
            for (Case c : cases) {
                backends.add(backend(c.name(), n, "/files/health", c.expects(), Optional.empty(), Optional.empty()));
            }
            try (L7Proxy proxy = start(backends, health)) {
                for (Case c : cases) {
                    LiveServer s = proxy.server(c.name(), "n");
                    Awaitility.await(c.name() + " judged").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                            .until(() -> s.healthy() == c.up() && s.lastCheck().status() != CheckStatus.INI);
                    if (c.up()) {
                        assertThat(s.lastCheck().status()).as(c.name()).isEqualTo(CheckStatus.L7OK);
                    } else {
                        assertThat(s.lastCheck().status()).as(c.name() + ": " + s.lastCheck()).isEqualTo(c.failure());
                    }
                }
                // a body rule ignores the status (HAProxy's): the text in a 404 page still passes
                Files.delete(n.files().resolve("health"));
                LiveServer str = proxy.server("notstringabsent", "n");
                Awaitility.await("status 200 fails on the 404").atMost(Duration.ofSeconds(5)).until(() -> !proxy.server("status", "n").healthy());
                // show stat's check_code: the status that decided
                assertThat(proxy.server("status", "n").lastCheck().code()).hasValue(404);
                assertThat(StatsColumnsTest.rows(StatsCsv.render(proxy)).get("status/n").get("check_code")).isEqualTo("404");
                Awaitility.await("'! string error' judged the 404 page").atMost(Duration.ofSeconds(5))
                        .until(() -> str.lastCheck().detail().equals("HTTP status 404"));
                assertThat(str.healthy()).isTrue();
                assertThat(str.lastCheck().status()).isEqualTo(CheckStatus.L7OK);
            }
        }
    }

    @Test
    void fastinterWhileTransitioningAndDowninterWhileDown() throws Exception {
        try (Nginx n = Nginx.start("n", dir, "127.0.0.1", false); HealthMonitor health = new HealthMonitor()) {
            Path file = n.files().resolve("health");
            Files.writeString(file, "ok\n");
            Duration inter = Duration.ofSeconds(3);
            BackendSpec b = backend("web", n, "/files/health", List.of(new HttpCheckExpect.Status("200", false)),
                    Optional.of(Duration.ofMillis(100)), Optional.of(Duration.ofMillis(400)), inter, 2, 3);
            try (L7Proxy proxy = start(List.of(b), health)) {
                LiveServer s = proxy.server("web", "n");
                Awaitility.await("first check").atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20))
                        .until(() -> s.lastCheck().status() == CheckStatus.L7OK);
                long removed = System.nanoTime();
                Files.delete(file);
                // inter 3 s alone needs 3 failures 3 s apart (>= 6 s after the first); fastinter 100 ms makes it ~3.2 s at most
                Awaitility.await("DOWN").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !s.healthy());
                Duration toDown = Duration.ofNanos(System.nanoTime() - removed);
                assertThat(toDown).isLessThan(Duration.ofMillis(4_500));
                // fully DOWN: one check per downinter (400 ms), not per inter (3 s)
                int before = checks(n);
                Thread.sleep(2_000);
                int during = checks(n) - before;
                assertThat(during).as("checks in 2 s while DOWN").isBetween(3, 8);
                long restored = System.nanoTime();
                Files.writeString(file, "ok\n");
                // back UP after rise 2: the next downinter check then a fastinter one, well under inter
                Awaitility.await("UP").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(s::healthy);
                assertThat(Duration.ofNanos(System.nanoTime() - restored)).isLessThan(Duration.ofMillis(1_500));
            }
        }
    }

    /** The checks nginx has logged so far. */
    private static int checks(Nginx n) throws Exception {
        return (int) n.accessLog().stream().filter(l -> l.contains("/files/health")).count();
    }

    private static BackendSpec backend(String name, Nginx n, String uri, List<HttpCheckExpect> expects, Optional<Duration> fast,
            Optional<Duration> down) {
        return backend(name, n, uri, expects, fast, down, INTER, 1, 1);
    }

    private static BackendSpec backend(String name, Nginx n, String uri, List<HttpCheckExpect> expects, Optional<Duration> fast,
            Optional<Duration> down, Duration inter, int rise, int fall) {
        ServerSpec s = ServerSpec.of("n", n.address("127.0.0.1")).withCheck(inter, rise, fall).withIntervals(fast, down);
        BackendSpec b = BackendSpec.of(name, List.of(s));
        return new BackendSpec(b.name(), b.mode(), b.balance(), b.hashType(), b.servers(), b.forwardFor(), b.redispatch(), b.retries(),
                b.timeouts(), b.reuse(), new HealthCheckSpec.Http("GET", uri, "HTTP/1.0", List.of(), expects), b.allBackups(),
                b.requestRules(), b.responseRules(), b.bufferRequest());
    }

    private L7Proxy start(List<BackendSpec> backends, HealthMonitor health) throws Exception {
        FrontendSpec fe = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), backends.getFirst().name());
        return L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), backends), health);
    }
}
