package org.bascule.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bascule.app.haproxy.HaproxyRun;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.app.keepalived.VirtualServerMapping;
import org.bascule.app.vrrp.VrrpMapping;
import org.bascule.app.vrrp.VrrpPlan;
import org.bascule.app.vrrp.VrrpRunner;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.l4.L4Options;
import org.bascule.ops.runtime.RuntimeSocketPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bascule run -f keepalived.conf}: the daemon. Refuses to start on a configuration with
 * errors (printing all of them); re-reads the file on SIGHUP ({@link Reloader}); serves until
 * SIGTERM or SIGINT, then closes the listeners and lets nothing new in.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the balancer: every vrrp_instance and virtual_server of a keepalived.conf, or the frontends of a haproxy.cfg.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "/etc/keepalived/keepalived.conf")
    Path file;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Runtime socket (default: /run/bascule/bascule.sock as root, else under $XDG_RUNTIME_DIR or /tmp).")
    Optional<Path> socket;

    @Option(names = "--io-threads", paramLabel = "N", description = "Data-path event loops (default: one per core).",
            defaultValue = "0")
    int ioThreads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ParseResult<KeepalivedConfig> result;
        try {
            ConfigLoader.requireFile(file);
            if (ConfigLoader.isHaproxy(file)) {
                return HaproxyRun.run(file, err);
            }
            result = ConfigLoader.load(file, err);
        } catch (ConfigLoader.ConfigMissingException e) {
            err.println("bascule run: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (result.hasErrors()) {
            err.printf("bascule run: %s has %d error(s); not starting%n", file, result.errors().size());
            err.flush();
            return 1;
        }
        L4Plan plan = VirtualServerMapping.plan(result.config());
        plan.notes().forEach(n -> err.println(n.format()));
        VrrpPlan vrrp = VrrpMapping.plan(result.config());
        vrrp.notes().forEach(n -> err.println(n.format()));
        if (plan.notes().stream().anyMatch(Diagnostic::isError) || vrrp.notes().stream().anyMatch(Diagnostic::isError)) {
            err.println("bascule run: not starting");
            err.flush();
            return 1;
        }
        err.flush();
        long t0 = System.nanoTime();
        L4Options options = L4Options.defaults().withIoThreads(ioThreads);
        Daemon daemon;
        try {
            daemon = Daemon.start(plan, options, RuntimeSocketPath.choose(socket));
        } catch (IOException | RuntimeException e) {
            log.error("not starting: {}", e.getMessage());
            return 1;
        }
        if (vrrp.hasInstances()) {
            try {
                daemon.attachVrrp(VrrpRunner.start(result.config(), vrrp));
            } catch (RuntimeException e) {
                log.error("not starting VRRP: {}", e.getMessage());
                daemon.close();
                return 1;
            }
        }
        log.info("serving {} virtual service(s) and {} VRRP instance(s) from {} in {} ms; runtime socket {}", plan.services().size(),
                vrrp.setup().instances().size(), file,
                Duration.ofNanos(System.nanoTime() - t0).toMillis(), daemon.runtimeSocket());
        Reloader.onSighup(file, daemon);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            log.info("stopping");
            daemon.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
