package org.bascule.config.keepalived;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;

/**
 * Parses keepalived.conf as keepalived 2.2 documents it (keepalived.conf(5)) into a
 * {@link KeepalivedConfig}, reporting every problem in one pass as
 * {@code file:line:col: error|warning: what 'token' (expected: …)}.
 *
 * <p>It never throws on its input: whatever the text, the result has a model (built from what
 * was valid) and the diagnostics. An unexpected failure inside the parser itself is reported as
 * an "internal error" diagnostic, which is a Bascule bug.
 */
public final class KeepalivedParser {

    private KeepalivedParser() {
    }

    /** Parses {@code file} and its includes, relative includes being relative to its directory. */
    public static ParseResult<KeepalivedConfig> parse(Path file) {
        return parse(file, KeepalivedOptions.defaults());
    }

    /** Parses {@code file} with explicit options (config id for {@code @ID} lines). */
    public static ParseResult<KeepalivedConfig> parse(Path file, KeepalivedOptions options) {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                return unreadable(name, "not a regular file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) StanzaReader.MAX_FILE_SIZE + 1);
            }
            if (bytes.length > StanzaReader.MAX_FILE_SIZE) {
                return unreadable(name, "larger than " + StanzaReader.MAX_FILE_SIZE + " bytes");
            }
            Path directory = file.getParent() != null ? file.getParent() : Path.of("");
            return run(name, file, directory, new String(bytes, StandardCharsets.UTF_8), options);
        } catch (IOException | SecurityException e) {
            return unreadable(name, e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        }
    }

    /**
     * Parses {@code text} as if read from a file called {@code fileName}; includes are resolved
     * relative to the current directory. For tests and fuzzing.
     */
    public static ParseResult<KeepalivedConfig> parse(String fileName, String text) {
        return parse(fileName, text, KeepalivedOptions.defaults());
    }

    /** {@link #parse(String, String)} with explicit options. */
    public static ParseResult<KeepalivedConfig> parse(String fileName, String text, KeepalivedOptions options) {
        Path path;
        try {
            path = Path.of(fileName);
        } catch (InvalidPathException e) {
            path = Path.of("keepalived.conf");
        }
        return run(fileName, path, Path.of(""), text, options);
    }

    private static ParseResult<KeepalivedConfig> run(String name, Path path, Path directory, String text, KeepalivedOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        ParseContext ctx = new ParseContext(diagnostics);
        StanzaReader reader = null;
        try {
            ParameterTable parameters = new ParameterTable(options.configId(), new SplittableRandom(options.randomSeed()));
            LinePreprocessor preprocessor = new LinePreprocessor(options.configId(), parameters, diagnostics);
            reader = new StanzaReader(preprocessor, diagnostics);
            List<Stanza> stanzas = reader.read(new FileLines(name, directory, text), path);
            KeepalivedBuilder builder = new KeepalivedBuilder(SourcePos.start(name));
            TopLevelSection.TABLE.applyAll(ctx, builder, stanzas);
            KeepalivedConfig config = builder.build(ctx, reader.files());
            return new ParseResult<>(config, diagnostics.sorted(reader.fileNames()));
        } catch (RuntimeException | StackOverflowError e) {
            // A bug, not a configuration problem: still answer with a result, and say so loudly.
            diagnostics.add(new Diagnostic(Severity.ERROR, SourcePos.start(name),
                    "internal error '" + e + "' (this is a Bascule bug; please report it with the configuration)"));
            List<String> order = reader != null ? reader.fileNames() : List.of(name);
            return new ParseResult<>(empty(name, path), diagnostics.sorted(order));
        }
    }

    private static ParseResult<KeepalivedConfig> unreadable(String name, String why) {
        Diagnostic d = Diagnostic.of(Severity.ERROR, SourcePos.start(name), "cannot read configuration file", name, "expected: a readable file; " + why);
        return new ParseResult<>(empty(name, Path.of("")), List.of(d));
    }

    private static KeepalivedConfig empty(String name, Path path) {
        KeepalivedBuilder builder = new KeepalivedBuilder(SourcePos.start(name));
        return builder.build(new ParseContext(new Diagnostics()), List.of(path));
    }
}
