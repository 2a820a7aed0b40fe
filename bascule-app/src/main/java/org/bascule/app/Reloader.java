package org.bascule.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.app.keepalived.VirtualServerMapping;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code kill -HUP}: re-reads the configuration file and applies it to the running daemon, as
 * keepalived reloads on SIGHUP, but by difference (R-X1): virtual and real servers the file
 * did not change keep their connections, counters and health state; new ones start; removed
 * ones stop taking connections and drain; runtime {@code ipvsadm} edits give way to the file.
 * A file with errors changes nothing: the running configuration stays, and the log says why
 * with every error's file:line:col.
 *
 * <p>Reloads run one at a time on their own thread, never on the JVM's signal thread.
 */
final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final Path file;
    private final Daemon daemon;

    Reloader(Path file, Daemon daemon) {
        this.file = file;
        this.daemon = daemon;
    }

    /** Installs the SIGHUP handler for {@code daemon}. */
    static void onSighup(Path file, Daemon daemon) {
        Reloader reloader = new Reloader(file, daemon);
        ExecutorService one = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("bascule-reload").daemon().factory());
        Signal.handle(new Signal("HUP"), sig -> one.execute(reloader::reload));
    }

    /** One reload; returns whether the file was applied. */
    boolean reload() {
        log.info("SIGHUP: reloading {}", file);
        StringWriter diagnostics = new StringWriter();
        ParseResult<KeepalivedConfig> result;
        try (PrintWriter out = new PrintWriter(diagnostics)) {
            result = ConfigLoader.load(file, out);
        } catch (ConfigLoader.ConfigMissingException e) {
            log.error("reload failed, keeping the running configuration: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("reload failed, keeping the running configuration: cannot read {}: {}", file, e.toString());
            return false;
        }
        if (result.hasErrors()) {
            log.error("reload failed, keeping the running configuration: {} has {} error(s):\n{}", file,
                    result.errors().size(), result.formatDiagnostics());
            return false;
        }
        if (!result.diagnostics().isEmpty()) {
            log.warn("{}:\n{}", file, result.formatDiagnostics());
        }
        L4Plan plan = VirtualServerMapping.plan(result.config());
        plan.notes().forEach(n -> log.warn("{}", n.format()));
        if (plan.notes().stream().anyMatch(Diagnostic::isError)) {
            log.error("reload failed, keeping the running configuration: {} cannot be served as written", file);
            return false;
        }
        List<String> done = daemon.reload(plan);
        log.info("reloaded {}: {}", file, done.isEmpty() ? "no change to the table" : String.join("; ", done));
        return true;
    }
}
