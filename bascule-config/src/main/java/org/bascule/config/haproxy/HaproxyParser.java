package org.bascule.config.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;
import org.bascule.config.Suggestions;

/**
 * Parses haproxy.cfg as HAProxy 2.6 reads it (doc/configuration.txt) into a {@link HaproxyConfig},
 * reporting every problem in one pass as {@code file:line:col: error|warning: what 'token'
 * (expected: …)}.
 *
 * <p>It never throws on its input: whatever the text, the result has a model (built from what
 * was valid) and the diagnostics. An unexpected failure inside the parser is reported as an
 * "internal error" diagnostic, which is a Bascule bug.
 */
public final class HaproxyParser {

    /** Larger files are refused (64 MiB, as for keepalived.conf). */
    public static final long MAX_FILE_SIZE = 64L * 1024 * 1024;

    /** Section keywords Bascule models. */
    static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen");
    /** Section keywords HAProxy 2.6 knows that Bascule reads past with a warning. */
    static final Set<String> OTHER_SECTIONS = Set.of("peers", "resolvers", "userlist", "mailers", "program", "http-errors", "ring", "cache",
            "fcgi-app", "dynamic-update", "crt-store");

    private HaproxyParser() {
    }

    /** Parses {@code file}, expanding environment variables from this process's environment. */
    public static ParseResult<HaproxyConfig> parse(Path file) {
        return parse(file, System.getenv());
    }

    /** Parses {@code file} with the given environment for {@code $VAR} / {@code ${VAR}}. */
    public static ParseResult<HaproxyConfig> parse(Path file, Map<String, String> environment) {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                return unreadable(name, "not a regular file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_SIZE + 1);
            }
            if (bytes.length > MAX_FILE_SIZE) {
                return unreadable(name, "larger than " + MAX_FILE_SIZE + " bytes");
            }
            return parse(name, new String(bytes, StandardCharsets.UTF_8), environment);
        } catch (IOException | SecurityException e) {
            return unreadable(name, e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        }
    }

    /** Parses {@code text} as if read from {@code fileName}, with an empty environment. For tests and fuzzing. */
    public static ParseResult<HaproxyConfig> parse(String fileName, String text) {
        return parse(fileName, text, Map.of());
    }

    /** Parses {@code text} as if read from {@code fileName}. */
    public static ParseResult<HaproxyConfig> parse(String fileName, String text, Map<String, String> environment) {
        Problems problems = new Problems();
        try {
            List<ConfigLine> lines = new LineLexer(fileName, environment, problems).lex(text);
            HaproxyConfig config = new Reader(fileName, problems).read(lines);
            new References(problems).check(config);
            return new ParseResult<>(config, problems.sorted());
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(new Diagnostic(Severity.ERROR, SourcePos.start(fileName),
                    "internal error '" + e + "' (this is a Bascule bug; please report it with the configuration)"));
            return new ParseResult<>(empty(fileName), problems.sorted());
        }
    }

    /**
     * True when {@code text} reads as haproxy.cfg: its first statement is a section keyword of
     * HAProxy ({@code global}, {@code defaults}, {@code frontend} …), which keepalived.conf never
     * starts with.
     */
    public static boolean looksLikeHaproxy(String text) {
        for (String raw : text.split("\n", 200)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String first = line.split("[ \t]+", 2)[0];
            return SECTIONS.contains(first) || OTHER_SECTIONS.contains(first);
        }
        return false;
    }

    private static ParseResult<HaproxyConfig> unreadable(String name, String why) {
        Diagnostic d = Diagnostic.of(Severity.ERROR, SourcePos.start(name), "cannot read configuration file", name, "expected: a readable file; " + why);
        return new ParseResult<>(empty(name), List.of(d));
    }

    private static HaproxyConfig empty(String name) {
        return new HaproxyConfig(name, Global.empty(), List.of(), List.of(), List.of());
    }

    /** Groups lines into sections and applies them. */
    private static final class Reader {
        private final String file;
        private final Problems problems;
        private final GlobalSection.Builder global = new GlobalSection.Builder();
        private ProxySection proxySection;
        private final List<Proxy> defaults = new ArrayList<>();
        private final List<Proxy> proxies = new ArrayList<>();
        private final List<Setting> ignored = new ArrayList<>();
        private final Map<String, ProxyBuilder> namedDefaults = new HashMap<>();
        private ProxyBuilder lastDefaults;
        private ProxyBuilder current;
        /** 'g' global, 'p' proxy, 'o' other (skipped), 0 none yet. */
        private char section;

        Reader(String file, Problems problems) {
            this.file = file;
            this.problems = problems;
        }

        HaproxyConfig read(List<ConfigLine> lines) {
            for (ConfigLine line : lines) {
                String keyword = line.name();
                if (!line.keyword().quoted() && (SECTIONS.contains(keyword) || OTHER_SECTIONS.contains(keyword))) {
                    close();
                    open(line);
                    continue;
                }
                switch (section) {
                    case 'g' -> GlobalSection.apply(global, line, problems);
                    case 'p' -> {
                        if (current != null) {
                            proxySection().apply(current, line);
                        }
                    }
                    case 'o' -> {
                    }
                    default -> {
                        List<String> all = new ArrayList<>(SECTIONS);
                        all.addAll(OTHER_SECTIONS);
                        String hint = Suggestions.closest(keyword, all).map(s -> "did you mean '" + s + "'?")
                                .orElse("expected: a section keyword (global, defaults, frontend, backend, listen) before any setting");
                        problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "unknown keyword out of section", keyword, hint));
                    }
                }
            }
            close();
            return new HaproxyConfig(file, global.build(), defaults, proxies, ignored);
        }

        private ProxySection proxySection() {
            if (proxySection == null) {
                // crt-base applies to the bind lines that follow; global comes first in practice.
                proxySection = new ProxySection(problems, global.crtBase);
            }
            return proxySection;
        }

        private void open(ConfigLine line) {
            String keyword = line.name();
            current = null;
            switch (keyword) {
                case "global" -> {
                    section = 'g';
                    if (line.argCount() > 0) {
                        problems.error(line.arg(0), "unexpected argument after", "global, alone on its line");
                    }
                }
                case "defaults", "frontend", "backend", "listen" -> {
                    section = 'p';
                    current = proxy(line, ProxyKind.valueOf(keyword.toUpperCase()));
                }
                default -> {
                    section = 'o';
                    ignored.add(new Setting(keyword, line.args().stream().map(Word::text).toList(), line.pos()));
                    problems.warning(line.keyword(), "section not supported by Bascule, its lines are not checked", "global, defaults, frontend, backend or listen");
                }
            }
        }

        private ProxyBuilder proxy(ConfigLine line, ProxyKind kind) {
            List<Word> args = line.args();
            String name = "";
            int i = 0;
            if (!args.isEmpty() && !args.getFirst().is("from")) {
                name = args.getFirst().text();
                i = 1;
                if (!name.matches("[A-Za-z0-9_.:-]+")) {
                    problems.error(args.getFirst(), "invalid " + kind.keyword() + " name", "letters, digits, '-', '_', '.' and ':'");
                }
            } else if (kind != ProxyKind.DEFAULTS) {
                problems.error(line.keyword(), "missing name after", kind.keyword() + " <name> [from <defaults>]");
            }
            // A defaults section starts afresh unless it names another with 'from' (HAProxy 2.4+).
            Optional<ProxyBuilder> from = kind == ProxyKind.DEFAULTS ? Optional.empty() : Optional.ofNullable(lastDefaults);
            if (i < args.size()) {
                if (!args.get(i).is("from") || i + 2 != args.size()) {
                    problems.error(args.get(i), "unexpected argument", kind.keyword() + " <name> [from <defaults>]");
                } else {
                    Word ref = args.get(i + 1);
                    ProxyBuilder d = namedDefaults.get(ref.text());
                    if (d == null) {
                        String hint = Suggestions.closest(ref.text(), namedDefaults.keySet()).map(s -> "did you mean '" + s + "'?")
                                .orElse("expected: the name of a defaults section declared above");
                        problems.add(Diagnostic.of(Severity.ERROR, ref.pos(), "no such defaults section", ref.text(), hint));
                    }
                    from = Optional.ofNullable(d);
                }
            }
            ProxyBuilder p = new ProxyBuilder(kind, name, line.pos());
            from.ifPresent(p::inherit);
            if (kind != ProxyKind.DEFAULTS && !name.isEmpty()) {
                duplicate(p);
            }
            return p;
        }

        /** Two proxies may share a name only when their capabilities differ (a frontend and a backend). */
        private void duplicate(ProxyBuilder p) {
            for (Proxy other : proxies) {
                boolean clash = other.name().equals(p.name)
                        && ((other.kind().isFrontend() && p.kind.isFrontend()) || (other.kind().isBackend() && p.kind.isBackend()));
                if (clash) {
                    problems.add(Diagnostic.of(Severity.ERROR, p.pos, p.kind.keyword() + " has the same name as the " + other.kind().keyword()
                            + " declared at line " + other.pos().line(), p.name, "a name not used by another proxy of the same side"));
                    return;
                }
            }
        }

        private void close() {
            if (current == null) {
                return;
            }
            if (current.kind == ProxyKind.DEFAULTS) {
                defaults.add(current.build());
                lastDefaults = current;
                if (!current.name.isEmpty()) {
                    namedDefaults.put(current.name, current);
                }
            } else {
                if (current.kind.isFrontend() && current.bindLines == 0) {
                    problems.add(Diagnostic.of(Severity.WARNING, current.pos, current.kind.keyword() + " has no 'bind' line", current.name,
                            "a bind line, or declare it as a backend if this was intended"));
                }
                proxies.add(current.build());
            }
            current = null;
        }
    }
}
