package org.bascule.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;

/** Reads a keepalived.conf for {@code run} and {@code check}, printing every diagnostic. */
final class ConfigLoader {
    private ConfigLoader() {}

    /** Parses {@code file}; prints its diagnostics to {@code err}. */
    static ParseResult<KeepalivedConfig> load(Path file, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigMissingException(file + ": no such configuration file"
                    + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        ParseResult<KeepalivedConfig> result = KeepalivedParser.parse(file);
        if (!result.diagnostics().isEmpty()) {
            err.println(result.formatDiagnostics());
            err.flush();
        }
        return result;
    }

    /** The configuration file does not exist or cannot be read. */
    static final class ConfigMissingException extends RuntimeException {
        ConfigMissingException(String message) {
            super(message);
        }
    }
}
