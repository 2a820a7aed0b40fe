package org.bascule.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;

/** Reads a keepalived.conf for {@code run} and {@code check}, printing every diagnostic; tells a haproxy.cfg apart. */
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

    /**
     * True when {@code file} is a haproxy.cfg: by its name ({@code *.cfg}, or "haproxy" in it),
     * else by its grammar (it starts with an HAProxy section keyword).
     */
    static boolean isHaproxy(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".cfg") || name.contains("haproxy")) {
            return true;
        }
        try (var in = Files.newInputStream(file)) {
            return org.bascule.config.haproxy.HaproxyParser.looksLikeHaproxy(
                    new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Fails like {@link #load} when {@code file} is missing. */
    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigMissingException(file + ": no such configuration file"
                    + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
    }

    /** The configuration file does not exist or cannot be read. */
    static final class ConfigMissingException extends RuntimeException {
        ConfigMissingException(String message) {
            super(message);
        }
    }
}
