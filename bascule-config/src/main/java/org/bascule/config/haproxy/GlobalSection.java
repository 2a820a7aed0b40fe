package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * The {@code global} section (configuration.txt section 3). Bascule models {@code maxconn},
 * {@code nbthread}, {@code stats socket|timeout} and {@code crt-base}; the other keywords of
 * HAProxy 2.6 are kept as written; an unknown one is an error with "did you mean", as in HAProxy.
 */
final class GlobalSection {

    private static final Set<String> KEPT = Set.of("daemon", "master-worker", "log", "log-send-hostname", "log-tag", "chroot", "user", "group",
            "uid", "gid", "pidfile", "ca-base", "node", "description", "hard-stop-after", "localpeer", "lua-load", "lua-load-per-thread",
            "lua-prepend-path", "set-var", "set-var-fmt", "setenv", "presetenv", "unsetenv", "resetenv", "h1-case-adjust", "h1-case-adjust-file",
            "insecure-fork-wanted", "insecure-setuid-wanted", "external-check", "server-state-file", "server-state-base",
            "expose-experimental-directives", "cpu-map", "quiet", "zero-warning", "noepoll", "nopoll", "nosplice", "nogetaddrinfo",
            "noreuseport", "maxsslconn", "maxconnrate", "maxsessrate", "maxsslrate", "maxpipes", "maxcomprate", "maxcompcpuusage", "maxzlibmem",
            "ssl-server-verify", "ssl-dh-param-file", "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-bind-options",
            "ssl-default-bind-curves", "ssl-default-bind-sigalgs", "ssl-default-bind-client-sigalgs", "ssl-default-server-ciphers",
            "ssl-default-server-ciphersuites", "ssl-default-server-options", "ssl-default-server-curves", "ssl-default-server-sigalgs",
            "ssl-default-server-client-sigalgs", "ssl-engine", "ssl-mode-async", "ssl-load-extra-files", "ssl-load-extra-del-ext",
            "ssl-skip-self-issued-ca", "ssl-propquery", "ssl-provider", "ssl-provider-path", "busy-polling", "numa-cpu-mapping",
            "profiling.tasks", "profiling.memory", "strict-limits", "debug", "issuers-chain-path", "spread-checks", "max-spread-checks",
            "ulimit-n", "unix-bind", "thread-group", "thread-groups", "nbproc", "pp2-never-send-local", "mworker-max-reloads",
            "fd-hard-limit", "cluster-secret", "grace", "httpclient.resolvers.id", "httpclient.resolvers.prefer", "httpclient.ssl.ca-file",
            "httpclient.ssl.verify", "httpclient.retries", "httpclient.timeout.connect", "set-dumpable", "anonkey",
            "deviceatlas-json-file", "deviceatlas-log-level", "51degrees-data-file", "wurfl-data-file", "stats");

    private GlobalSection() {
    }

    /** Every global keyword, for "belongs in global". */
    static Set<String> keywords() {
        Set<String> all = new java.util.HashSet<>(KEPT);
        all.addAll(Set.of("maxconn", "nbthread", "crt-base"));
        return all;
    }

    /** The global section being read. */
    static final class Builder {
        OptionalInt maxconn = OptionalInt.empty();
        OptionalInt nbthread = OptionalInt.empty();
        final List<StatsSocket> sockets = new ArrayList<>();
        Optional<Duration> statsTimeout = Optional.empty();
        Optional<String> crtBase = Optional.empty();
        final List<Setting> settings = new ArrayList<>();

        Global build() {
            return new Global(maxconn, nbthread, sockets, statsTimeout, crtBase, settings);
        }
    }

    static void apply(Builder g, ConfigLine line, Problems problems) {
        String name = line.name();
        switch (name) {
            case "maxconn" -> {
                if (one(line, problems, "maxconn <count>")) {
                    OptionalInt n = Values.integer(line.arg(0), 1, Integer.MAX_VALUE, "maxconn", problems);
                    if (n.isPresent()) {
                        g.maxconn = n;
                    }
                }
            }
            case "nbthread" -> {
                if (one(line, problems, "nbthread <count>")) {
                    OptionalInt n = Values.integer(line.arg(0), 1, 4096, "nbthread", problems);
                    if (n.isPresent()) {
                        g.nbthread = n;
                    }
                }
            }
            case "crt-base" -> {
                if (one(line, problems, "crt-base <directory>")) {
                    g.crtBase = Optional.of(line.arg(0).text());
                }
            }
            case "stats" -> stats(g, line, problems);
            default -> {
                if (line.keyword().quoted() || (!KEPT.contains(name) && !name.startsWith("tune."))) {
                    unknown(line, problems);
                    return;
                }
                g.settings.add(new Setting(name, line.args().stream().map(Word::text).toList(), line.pos()));
            }
        }
    }

    private static boolean one(ConfigLine line, Problems problems, String usage) {
        if (line.argCount() != 1) {
            problems.error(line.argCount() == 0 ? line.keyword() : line.arg(1), line.argCount() == 0 ? "missing value after" : "unexpected extra value", usage);
            return false;
        }
        return true;
    }

    private static void stats(Builder g, ConfigLine line, Problems problems) {
        if (line.argCount() == 0) {
            problems.error(line.keyword(), "missing argument after", "stats socket|timeout|maxconn|bind-process …");
            return;
        }
        Word what = line.arg(0);
        switch (what.text()) {
            case "socket" -> {
                if (line.argCount() < 2) {
                    problems.error(what, "missing address after", "stats socket <path>|[<address>]:<port> [options]");
                    return;
                }
                Optional<Endpoint> e = Addresses.parse(line.arg(1).text(), line.arg(1), Addresses.Use.SOCKET, problems);
                Optional<String> level = Optional.empty();
                List<Setting> options = new ArrayList<>();
                List<Word> rest = line.from(3);
                boolean ok = e.isPresent();
                for (int i = 0; i < rest.size(); i++) {
                    Word w = rest.get(i);
                    Integer arity = BindParser.OPTIONS.get(w.text());
                    if (arity == null) {
                        String hint = Suggestions.closest(w.text(), BindParser.OPTIONS.keySet()).map(s -> "did you mean '" + s + "'?")
                                .orElse("expected: level, mode, user, group, expose-fd or another bind option");
                        problems.add(Diagnostic.of(Severity.ERROR, w.pos(), "unknown stats socket option", w.text(), hint));
                        ok = false;
                        continue;
                    }
                    if (i + arity >= rest.size()) {
                        problems.error(w, "missing value after", w.text() + " <value>");
                        ok = false;
                        break;
                    }
                    if (w.text().equals("level")) {
                        String v = rest.get(i + 1).text();
                        if (!Set.of("user", "operator", "admin").contains(v)) {
                            problems.error(rest.get(i + 1), "unknown stats socket level", "user, operator or admin");
                            ok = false;
                        }
                        level = Optional.of(v);
                    } else {
                        options.add(new Setting(w.text(), arity > 0 ? List.of(rest.get(i + 1).text()) : List.of(), w.pos()));
                    }
                    i += arity;
                }
                if (ok) {
                    g.sockets.add(new StatsSocket(e.get(), level, options, line.pos()));
                }
            }
            case "timeout" -> {
                if (line.argCount() != 2) {
                    problems.error(what, "wrong arguments", "stats timeout <time>");
                    return;
                }
                g.statsTimeout = Values.duration(line.arg(1), problems);
                g.settings.add(new Setting("stats", line.args().stream().map(Word::text).toList(), line.pos()));
            }
            case "maxconn", "bind-process" -> {
                if (line.argCount() != 2) {
                    problems.error(what, "wrong arguments", "stats " + what.text() + " <value>");
                    return;
                }
                g.settings.add(new Setting("stats", line.args().stream().map(Word::text).toList(), line.pos()));
            }
            default -> problems.error(what, "unknown 'stats' keyword in 'global' section", "socket, timeout, maxconn or bind-process");
        }
    }

    private static void unknown(ConfigLine line, Problems problems) {
        String name = line.name();
        if (ProxySection.keywords().contains(name)) {
            problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "unknown keyword in 'global' section", name,
                    "it belongs in a defaults, frontend, backend or listen section"));
            return;
        }
        String hint = Suggestions.closest(name, keywords()).map(s -> "did you mean '" + s + "'?")
                .orElse("expected: a global keyword such as " + String.join(", ", Suggestions.nearest(name, keywords(), 3)));
        problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "unknown keyword in 'global' section", name, hint));
    }
}
