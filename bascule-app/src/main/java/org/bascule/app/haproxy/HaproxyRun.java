package org.bascule.app.haproxy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.bascule.config.ParseResult;
import org.bascule.config.haproxy.HaproxyConfig;
import org.bascule.config.haproxy.HaproxyParser;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.L7Proxy;
import org.bascule.l7.spec.ProxySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bascule run -f haproxy.cfg}: starts the L7 tier (tier 3) from a haproxy.cfg. Refuses a
 * file with errors; prints, as warnings naming file:line, everything of the file the tier does
 * not do yet; serves until SIGTERM or SIGINT.
 */
public final class HaproxyRun {
    private static final Logger log = LoggerFactory.getLogger(HaproxyRun.class);

    private HaproxyRun() {
    }

    /** Runs {@code file} until the JVM is asked to stop; the exit code. */
    public static int run(Path file, PrintWriter err) throws InterruptedException {
        long t0 = System.nanoTime();
        ParseResult<HaproxyConfig> result = HaproxyParser.parse(file);
        if (!result.diagnostics().isEmpty()) {
            err.println(result.formatDiagnostics());
        }
        if (result.hasErrors()) {
            err.printf("bascule run: %s has %d error(s); not starting%n", file, result.errors().size());
            err.flush();
            return 1;
        }
        L7Plan plan = HaproxyMapping.plan(result.config());
        plan.notes().forEach(n -> err.println(n.format()));
        if (plan.hasErrors() || plan.spec().isEmpty()) {
            err.println("bascule run: not starting");
            err.flush();
            return 1;
        }
        err.flush();
        ProxySpec spec = plan.spec().get();
        HealthMonitor health = new HealthMonitor();
        L7Proxy proxy;
        try {
            proxy = L7Proxy.start(spec, health);
        } catch (IOException | RuntimeException e) {
            health.close();
            log.error("not starting: {}", e.getMessage());
            return 1;
        }
        StringBuilder listening = new StringBuilder();
        spec.frontends().forEach(f -> listening.append(' ').append(f.name()).append('=').append(proxy.boundAddresses(f.name())));
        log.info("serving {} frontend(s), {} backend(s) from {} in {} ms:{}", spec.frontends().size(), spec.backends().size(), file,
                Duration.ofNanos(System.nanoTime() - t0).toMillis(), listening);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            log.info("stopping");
            proxy.close();
            health.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
