package org.bascule.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bascule.app.haproxy.HaproxyCheck;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.app.keepalived.VirtualServerMapping;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bascule check -f FILE}: keepalived's {@code -t}. Prints every error and warning with
 * file:line:col, then what {@code run} would serve; exits 1 on errors (on warnings too with
 * {@code --strict}), 0 otherwise. Starts nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Test a keepalived.conf or haproxy.cfg without starting anything; print its summary or its errors.")
final class CheckCommand implements Callable<Integer> {

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "/etc/keepalived/keepalived.conf")
    Path file;

    @Option(names = "--strict", description = "Treat warnings as errors.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return check(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int check(PrintWriter out, PrintWriter err) {
        ParseResult<KeepalivedConfig> result;
        try {
            ConfigLoader.requireFile(file);
            if (ConfigLoader.isHaproxy(file)) {
                return HaproxyCheck.check(file, strict, out, err);
            }
            result = ConfigLoader.load(file, err);
        } catch (ConfigLoader.ConfigMissingException e) {
            err.println("bascule check: " + e.getMessage());
            return 1;
        }
        L4Plan plan = VirtualServerMapping.plan(result.config());
        for (Diagnostic note : plan.notes()) {
            err.println(note.format());
        }
        long errors = result.errors().size() + plan.notes().stream().filter(Diagnostic::isError).count();
        long warnings = result.warnings().size() + plan.notes().stream().filter(d -> !d.isError()).count();
        if (errors > 0) {
            err.printf("%s: %d error(s), %d warning(s): configuration rejected%n", file, errors, warnings);
            return 1;
        }
        out.print(KeepalivedSummary.format(result.config()));
        if (strict && warnings > 0) {
            err.printf("%s: %d warning(s) and --strict: configuration rejected%n", file, warnings);
            return 1;
        }
        err.printf("%s: configuration OK (%d warning(s))%n", file, warnings);
        return 0;
    }
}
