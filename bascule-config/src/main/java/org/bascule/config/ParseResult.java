package org.bascule.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a parser returns: the model built from everything valid in the input (never null, even
 * when the input is garbage) and every diagnostic found in one pass, sorted by position.
 *
 * @param config      the model; parts that had errors are left out or take their defaults
 * @param diagnostics errors and warnings in file order
 * @param <T>         the model type, e.g. {@code KeepalivedConfig}
 */
public record ParseResult<T>(T config, List<Diagnostic> diagnostics) {

    public ParseResult {
        Objects.requireNonNull(config, "config");
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when at least one diagnostic is an error: the daemon must refuse this configuration. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The errors only. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** The warnings only. */
    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** Every diagnostic, one per line, as a compiler prints them. */
    public String formatDiagnostics() {
        return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
    }
}
