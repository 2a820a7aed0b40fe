package org.bascule.app.haproxy;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.haproxy.HaproxyConfig;
import org.bascule.config.haproxy.HaproxyParser;
import org.bascule.config.haproxy.HaproxySummary;

/**
 * {@code bascule check -f haproxy.cfg}: HAProxy's {@code -c}. Prints every error and warning of
 * the file (file:line:col), then what {@code run} would not do yet, then the summary; exits 1 on
 * errors (on warnings too with {@code --strict}), 0 otherwise. Starts nothing.
 */
public final class HaproxyCheck {

    private HaproxyCheck() {
    }

    /** Checks {@code file}; the exit code as keepalived.conf's check gives it. */
    public static int check(Path file, boolean strict, PrintWriter out, PrintWriter err) {
        ParseResult<HaproxyConfig> result = HaproxyParser.parse(file);
        if (!result.diagnostics().isEmpty()) {
            err.println(result.formatDiagnostics());
        }
        long errors = result.errors().size();
        long warnings = result.warnings().size();
        if (errors > 0) {
            err.printf("%s: %d error(s), %d warning(s): configuration rejected%n", file, errors, warnings);
            return 1;
        }
        L7Plan plan = HaproxyMapping.plan(result.config());
        plan.notes().forEach(n -> err.println(n.format()));
        errors += plan.notes().stream().filter(Diagnostic::isError).count();
        warnings += plan.notes().stream().filter(d -> !d.isError()).count();
        if (errors > 0) {
            err.printf("%s: %d error(s), %d warning(s): configuration rejected%n", file, errors, warnings);
            return 1;
        }
        out.print(HaproxySummary.format(result.config()));
        if (strict && warnings > 0) {
            err.printf("%s: %d warning(s) and --strict: configuration rejected%n", file, warnings);
            return 1;
        }
        err.printf("%s: configuration OK (%d warning(s))%n", file, warnings);
        return 0;
    }
}
