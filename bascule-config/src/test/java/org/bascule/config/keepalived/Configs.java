package org.bascule.config.keepalived;

import java.util.List;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;

/** Test helpers: parse a text as {@code test.conf} with a fixed config id and random seed. */
final class Configs {

    static final KeepalivedOptions OPTIONS = new KeepalivedOptions("main", 1);

    private Configs() {
    }

    static ParseResult<KeepalivedConfig> parse(String text) {
        return KeepalivedParser.parse("test.conf", text, OPTIONS);
    }

    /** The diagnostics, formatted, one string each. */
    static List<String> diagnostics(String text) {
        return parse(text).diagnostics().stream().map(Diagnostic::format).toList();
    }

    /** The config of a text that must parse without any diagnostic. */
    static KeepalivedConfig clean(String text) {
        ParseResult<KeepalivedConfig> result = parse(text);
        if (!result.diagnostics().isEmpty()) {
            throw new AssertionError("unexpected diagnostics:\n" + result.formatDiagnostics());
        }
        return result.config();
    }

    /** The config of a text that must parse without error (warnings allowed). */
    static KeepalivedConfig valid(String text) {
        ParseResult<KeepalivedConfig> result = parse(text);
        if (result.hasErrors()) {
            throw new AssertionError("unexpected errors:\n" + result.formatDiagnostics());
        }
        return result.config();
    }

    /** A complete virtual server around {@code body} lines of one real server. */
    static String virtualServer(String vsLines, String rsLines) {
        return "virtual_server 10.0.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n" + vsLines
                + "\n real_server 10.0.0.2 80 {\n" + rsLines + "\n }\n}\n";
    }
}
