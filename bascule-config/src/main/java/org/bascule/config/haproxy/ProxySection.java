package org.bascule.config.haproxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * The keywords of {@code defaults}, {@code frontend}, {@code backend} and {@code listen}
 * sections and their dispatch. A keyword written where HAProxy would ignore it (e.g.
 * {@code balance} in a frontend) is a warning, as in HAProxy; one HAProxy refuses
 * ({@code server} in a frontend, {@code bind} in defaults) is an error; an unknown keyword is an
 * error with "did you mean".
 */
final class ProxySection {

    /** {@code option NAME}s of HAProxy 2.6 that take no argument. */
    static final Set<String> PLAIN_OPTIONS = Set.of("abortonclose", "accept-invalid-http-request", "accept-invalid-http-response",
            "allbackups", "checkcache", "clitcpka", "contstats", "disable-h2-upgrade", "dontlog-normal", "dontlognull",
            "h1-case-adjust-bogus-client", "h1-case-adjust-bogus-server", "http-buffer-request", "http-ignore-probes", "http-keep-alive",
            "http-no-delay", "http-pretend-keepalive", "http-server-close", "http-use-proxy-header", "httpclose", "http_proxy",
            "idle-close-on-response", "independent-streams", "ldap-check", "external-check", "log-health-checks", "log-separate-errors",
            "logasap", "nolinger", "persist", "prefer-last-server", "redis-check", "socket-stats", "splice-auto", "splice-request",
            "splice-response", "spop-check", "srvtcpka", "ssl-hello-chk", "tcp-check", "tcp-smart-accept", "tcp-smart-connect", "tcpka",
            "tcplog", "transparent", "http-restrict-req-hdr-names");
    /** {@code option NAME}s that take arguments Bascule keeps without interpreting. */
    static final Set<String> OPTIONS_WITH_ARGS = Set.of("httplog", "originalto", "mysql-check", "pgsql-check", "smtpchk");

    private static final Map<String, ProxyKeyword> TABLE = new LinkedHashMap<>();

    private static void add(String name, String where, String usage, ProxyKeyword.Handler handler) {
        TABLE.put(name, new ProxyKeyword(name, where, usage, handler));
    }

    private static void kept(String name, String where, String usage) {
        TABLE.put(name, new ProxyKeyword(name, where, usage, null));
    }

    static {
        add("mode", "DFLB", "mode http|tcp", ProxySection::mode);
        add("bind", "FL", "bind [address]:port[,…] [options]", ProxySection::bind);
        add("acl", "dFLB", "acl <name> <fetch> [flags] [operator] <pattern>…", ProxySection::acl);
        add("default_backend", "DFL", "default_backend <backend>", ProxySection::defaultBackend);
        add("use_backend", "FL", "use_backend <backend> [if|unless <condition>]", ProxySection::useBackend);
        add("monitor-uri", "DFL", "monitor-uri <uri>", ProxySection::monitorUri);
        add("monitor", "FL", "monitor fail if|unless <condition>", ProxySection::monitor);
        add("balance", "DLB", "balance <algorithm> [arguments]", ProxySection::balance);
        add("option", "DFLB", "option <name> [arguments]", (s, p, l) -> s.option(p, l, true));
        add("no", "DFLB", "no option <name>", ProxySection::no);
        add("http-check", "DLB", "http-check expect|send|disable-on-404 …", ProxySection::httpCheck);
        add("retries", "DLB", "retries <count>", ProxySection::retries);
        add("timeout", "DFLB", "timeout client|server|connect|http-request|http-keep-alive|queue|tunnel|check|… <time>", ProxySection::timeout);
        add("maxconn", "DFL", "maxconn <count>", ProxySection::maxconn);
        add("server", "LB", "server <name> <address>[:port] [options]", ProxySection::server);
        add("default-server", "DLB", "default-server [options]", ProxySection::defaultServer);
        add("http-request", "dFLB", "http-request <action> [args] [if|unless <condition>]",
                (s, p, l) -> s.httpRule(p, l, HttpRuleParser.Direction.REQUEST));
        add("http-response", "dFLB", "http-response <action> [args] [if|unless <condition>]",
                (s, p, l) -> s.httpRule(p, l, HttpRuleParser.Direction.RESPONSE));
        add("http-reuse", "DLB", "http-reuse never|safe|aggressive|always", ProxySection::httpReuse);
        add("stick-table", "FLB", "stick-table type <type> size <size> [expire <time>] [store <data>,…]", ProxySection::stickTable);
        add("stats", "DFLB", "stats enable|uri|realm|auth|refresh|admin|hide-version|… ", ProxySection::stats);
        for (String k : List.of("log", "disabled", "enabled", "bind-process", "compression", "email-alert", "errorfile", "errorfiles",
                "errorloc", "errorloc302", "errorloc303", "http-error", "log-tag")) {
            kept(k, "DFLB", k + " …");
        }
        for (String k : List.of("description", "id", "force-persist", "filter", "ignore-persist", "redirect", "declare")) {
            kept(k, "FLB", k + " …");
        }
        kept("http-after-response", "dFLB", "http-after-response <action> …");
        kept("tcp-request", "dFLB", "tcp-request connection|content|session|inspect-delay …");
        kept("tcp-response", "dLB", "tcp-response content|inspect-delay …");
        kept("capture", "FL", "capture cookie|request header|response header …");
        for (String k : List.of("cookie", "fullconn", "hash-type", "hash-balance-factor", "http-send-name-header", "load-server-state-from-file",
                "max-keep-alive-queue", "persist", "server-state-file-name", "source", "tcp-check", "external-check", "dynamic-cookie-key",
                "srvtcpka-cnt", "srvtcpka-idle", "srvtcpka-intvl")) {
            kept(k, "DLB", k + " …");
        }
        for (String k : List.of("server-template", "stick", "use-server")) {
            kept(k, "LB", k + " …");
        }
        for (String k : List.of("error-log-format", "log-format", "log-format-sd", "max-session-srv-conns", "rate-limit", "unique-id-format",
                "unique-id-header", "backlog", "clitcpka-cnt", "clitcpka-idle", "clitcpka-intvl")) {
            kept(k, "DFL", k + " …");
        }
    }

    final Problems problems;
    private final BindParser binds;
    private final AclParser acls;
    private final ConditionParser conditions;
    private final ServerParser servers;
    private final HttpRuleParser rules;

    ProxySection(Problems problems, Optional<String> crtBase) {
        this.problems = problems;
        this.binds = new BindParser(problems, crtBase);
        this.acls = new AclParser(problems);
        this.conditions = new ConditionParser(problems);
        this.servers = new ServerParser(problems);
        this.rules = new HttpRuleParser(problems);
    }

    /** Every keyword of the proxy sections, for "did you mean" and "belongs in". */
    static Set<String> keywords() {
        return TABLE.keySet();
    }

    /** Applies one line of a proxy section. */
    void apply(ProxyBuilder proxy, ConfigLine line) {
        ProxyKeyword keyword = line.keyword().quoted() ? null : TABLE.get(line.name());
        if (keyword == null) {
            unknown(proxy, line);
            return;
        }
        boolean named = !proxy.name.isEmpty();
        if (proxy.kind == ProxyKind.DEFAULTS && !keyword.allowedIn(ProxyKind.DEFAULTS, named)) {
            String why = keyword.allowedIn(ProxyKind.DEFAULTS, true) ? "only a named defaults section (defaults NAME) may hold it"
                    : "it belongs in " + where(keyword);
            problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "keyword not allowed in " + (named ? "a 'defaults'" : "an anonymous 'defaults'")
                    + " section", line.name(), why));
            return;
        }
        if (proxy.kind != ProxyKind.DEFAULTS && !keyword.allowedIn(proxy.kind, named)) {
            String missing = keyword.backendOnly() ? "backend" : "frontend";
            if (line.name().equals("server")) {
                problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "keyword not allowed in " + proxy.kind.keyword() + " '" + proxy.name + "'",
                        line.name(), "a frontend has no servers: put them in a backend and name it with default_backend"));
            } else {
                problems.add(Diagnostic.of(Severity.WARNING, line.pos(), "ignored: " + proxy.kind.keyword() + " '" + proxy.name + "' has no "
                        + missing + " capability, keyword", line.name(), "it belongs in " + where(keyword)));
            }
            return;
        }
        if (keyword.handler() == null) {
            proxy.settings.add(new Setting(line.name(), line.args().stream().map(Word::text).toList(), line.pos()));
            return;
        }
        keyword.handler().apply(this, proxy, line);
    }

    private static String where(ProxyKeyword k) {
        List<String> places = new ArrayList<>();
        if (k.where().contains("D")) {
            places.add("defaults");
        } else if (k.where().contains("d")) {
            places.add("named defaults");
        }
        if (k.where().contains("F")) {
            places.add("frontend");
        }
        if (k.where().contains("L")) {
            places.add("listen");
        }
        if (k.where().contains("B")) {
            places.add("backend");
        }
        return String.join(", ", places);
    }

    private void unknown(ProxyBuilder proxy, ConfigLine line) {
        String name = line.name();
        String section = "'" + proxy.kind.keyword() + "' section";
        if (GlobalSection.keywords().contains(name)) {
            problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "unknown keyword in " + section, name, "it belongs in the 'global' section"));
            return;
        }
        String hint = Suggestions.closest(name, TABLE.keySet()).map(s -> "did you mean '" + s + "'?")
                .orElse("expected: a proxy keyword such as " + String.join(", ", Suggestions.nearest(name, TABLE.keySet(), 3)));
        problems.add(Diagnostic.of(Severity.ERROR, line.pos(), "unknown keyword in " + section, name, hint));
    }

    private boolean arity(ConfigLine line, int min, int max, String usage) {
        if (line.argCount() < min) {
            problems.error(line.keyword(), "missing value after", usage);
            return false;
        }
        if (line.argCount() > max) {
            problems.error(line.arg(max), "unexpected extra value", usage);
            return false;
        }
        return true;
    }

    private void mode(ProxyBuilder p, ConfigLine line) {
        if (!arity(line, 1, 1, "mode http|tcp")) {
            return;
        }
        switch (line.arg(0).text()) {
            case "http" -> p.mode = Mode.HTTP;
            case "tcp" -> p.mode = Mode.TCP;
            default -> problems.error(line.arg(0), "unknown mode", "http or tcp");
        }
    }

    private void bind(ProxyBuilder p, ConfigLine line) {
        p.bindLines++;
        p.binds.addAll(binds.parse(line));
    }

    private void acl(ProxyBuilder p, ConfigLine line) {
        if (!arity(line, 2, LineLexer.MAX_WORDS, "acl <name> <fetch> [flags] [operator] <pattern>…")) {
            return;
        }
        Word name = line.arg(0);
        if (!name.text().matches("[A-Za-z0-9_.:-]+")) {
            problems.error(name, "invalid ACL name", "letters, digits, '-', '_', '.' and ':'");
            return;
        }
        if (ConditionParser.PREDEFINED.contains(name.text())) {
            problems.warning(name, "ACL name hides a predefined ACL", "another name: this one is predefined by HAProxy");
        }
        // Declared even when its expression is wrong, so that conditions using it are not reported twice.
        p.aclNames.add(name.text());
        acls.expression(line.from(2)).ifPresent(e -> p.acls.add(new Acl(name.text(), e, line.pos())));
    }

    private void defaultBackend(ProxyBuilder p, ConfigLine line) {
        if (arity(line, 1, 1, "default_backend <backend>")) {
            p.defaultBackend = Optional.of(line.arg(0).text());
            p.defaultBackendPos = line.arg(0).pos();
        }
    }

    private Optional<Optional<Condition>> optionalCondition(ProxyBuilder p, ConfigLine line, int at, String usage) {
        if (line.words().size() <= at) {
            return Optional.of(Optional.empty());
        }
        Word w = line.words().get(at);
        if (!w.is("if") && !w.is("unless")) {
            problems.error(w, "unexpected word", usage);
            return Optional.empty();
        }
        return conditions.parse(line.from(at), p.aclNames).map(Optional::of);
    }

    private void useBackend(ProxyBuilder p, ConfigLine line) {
        String usage = "use_backend <backend> [if|unless <condition>]";
        if (!arity(line, 1, LineLexer.MAX_WORDS, usage)) {
            return;
        }
        optionalCondition(p, line, 2, usage).ifPresent(c -> p.useBackends.add(new BackendSwitch(line.arg(0).text(), c, line.arg(0).pos())));
    }

    private void monitorUri(ProxyBuilder p, ConfigLine line) {
        if (arity(line, 1, 1, "monitor-uri <uri>")) {
            if (!line.arg(0).text().startsWith("/") && !line.arg(0).text().startsWith("*")) {
                problems.warning(line.arg(0), "monitor URI does not start with '/'", "a path such as /healthcheck (requests start with '/')");
            }
            p.monitorUri = Optional.of(line.arg(0).text());
            p.monitorPos = line.pos();
        }
    }

    private void monitor(ProxyBuilder p, ConfigLine line) {
        if (line.argCount() < 2 || !line.arg(0).is("fail")) {
            problems.error(line.argCount() == 0 ? line.keyword() : line.arg(0), "expected 'fail' after 'monitor'", "monitor fail if|unless <condition>");
            return;
        }
        Word w = line.arg(1);
        if (!w.is("if") && !w.is("unless")) {
            problems.error(w, "expected 'if' or 'unless'", "monitor fail if|unless <condition>");
            return;
        }
        conditions.parse(line.from(2), p.aclNames).ifPresent(c -> {
            p.monitorFails.add(c);
            if (p.monitorPos == null) {
                p.monitorPos = line.pos();
            }
        });
    }

    private void balance(ProxyBuilder p, ConfigLine line) {
        String usage = "balance roundrobin|static-rr|leastconn|first|source|uri|url_param <name>|hdr(<name>)|random[(<draws>)]|rdp-cookie[(<name>)]|hash <expr>";
        if (!arity(line, 1, LineLexer.MAX_WORDS, usage)) {
            return;
        }
        Word w = line.arg(0);
        String text = w.text();
        String base = text;
        Optional<String> parameter = Optional.empty();
        int open = text.indexOf('(');
        if (open > 0) {
            if (!text.endsWith(")")) {
                problems.error(w, "missing ')' in balance algorithm", usage);
                return;
            }
            base = text.substring(0, open);
            parameter = Optional.of(text.substring(open + 1, text.length() - 1));
        }
        Optional<Balance.Algorithm> algorithm = Balance.Algorithm.of(base);
        if (algorithm.isEmpty()) {
            List<String> names = java.util.Arrays.stream(Balance.Algorithm.values()).map(Balance.Algorithm::keyword).toList();
            String hint = Suggestions.closest(base, names).map(s -> "did you mean '" + s + "'?")
                    .orElse("expected: one of " + String.join(", ", names));
            problems.add(Diagnostic.of(Severity.ERROR, w.pos(), "unknown balance algorithm", base, hint));
            return;
        }
        List<String> options = line.from(2).stream().map(Word::text).toList();
        Balance.Algorithm a = algorithm.get();
        switch (a) {
            case HDR -> {
                if (parameter.isEmpty() || parameter.get().isEmpty()) {
                    problems.error(w, "missing header name", "balance hdr(<name>) [use-domain-only]");
                    return;
                }
                if (!options.isEmpty() && !options.equals(List.of("use-domain-only"))) {
                    problems.error(line.arg(1), "unexpected option for balance hdr", "use-domain-only");
                    return;
                }
            }
            case RANDOM -> {
                if (parameter.isPresent() && Values.parseLong(parameter.get()).isEmpty()) {
                    problems.error(w, "invalid number of draws", "balance random or random(<draws>), e.g. random(2)");
                    return;
                }
                if (!options.isEmpty()) {
                    problems.error(line.arg(1), "unexpected extra value", "balance random[(<draws>)]");
                    return;
                }
            }
            case URL_PARAM, HASH -> {
                if (parameter.isPresent() || options.isEmpty()) {
                    problems.error(w, "missing argument after balance " + a.keyword(), a.keyword() + " <" + (a == Balance.Algorithm.HASH ? "expression" : "param") + ">");
                    return;
                }
                parameter = Optional.of(options.getFirst());
                options = options.subList(1, options.size());
            }
            case URI -> {
                if (!uriOptions(line)) {
                    return;
                }
            }
            case RDP_COOKIE -> {
                if (!options.isEmpty()) {
                    problems.error(line.arg(1), "unexpected extra value", "balance rdp-cookie[(<name>)]");
                    return;
                }
            }
            default -> {
                if (parameter.isPresent() || !options.isEmpty()) {
                    problems.error(parameter.isPresent() ? w : line.arg(1), "unexpected argument to balance " + a.keyword(), "balance " + a.keyword());
                    return;
                }
            }
        }
        p.balance = new Balance(a, parameter, options, line.pos());
    }

    private boolean uriOptions(ConfigLine line) {
        for (int i = 1; i < line.argCount(); i++) {
            Word o = line.arg(i);
            switch (o.text()) {
                case "whole", "path-only" -> {
                }
                case "len", "depth" -> {
                    if (i + 1 >= line.argCount() || Values.integer(line.arg(i + 1), 0, Integer.MAX_VALUE, o.text(), problems).isEmpty()) {
                        if (i + 1 >= line.argCount()) {
                            problems.error(o, "missing value after", o.text() + " <number>");
                        }
                        return false;
                    }
                    i++;
                }
                default -> {
                    problems.error(o, "unknown option for balance uri", "len <n>, depth <n>, whole or path-only");
                    return false;
                }
            }
        }
        return true;
    }

    private void no(ProxyBuilder p, ConfigLine line) {
        if (line.argCount() < 2 || !line.arg(0).is("option")) {
            problems.error(line.argCount() == 0 ? line.keyword() : line.arg(0), "expected 'option' after 'no'", "no option <name>");
            return;
        }
        option(p, new ConfigLine(line.from(1)), false);
    }

    /** {@code option NAME …} ({@code enable}) or {@code no option NAME} (not). */
    void option(ProxyBuilder p, ConfigLine line, boolean enable) {
        if (line.argCount() == 0) {
            problems.error(line.keyword(), "missing option name after", "option <name>");
            return;
        }
        Word name = line.arg(0);
        List<Word> args = line.from(2);
        switch (name.text()) {
            case "httpchk" -> {
                if (!enable) {
                    p.httpCheck = Optional.empty();
                    return;
                }
                if (args.size() > 3) {
                    problems.error(args.get(3), "unexpected extra value", "option httpchk [<method>] [<uri>] [<version>]");
                    return;
                }
                p.checkMethod = null;
                p.checkUri = null;
                p.checkVersion = null;
                if (args.size() == 1) {
                    p.checkUri = args.get(0).text();
                } else if (args.size() >= 2) {
                    p.checkMethod = args.get(0).text();
                    p.checkUri = args.get(1).text();
                    if (args.size() == 3) {
                        p.checkVersion = args.get(2).text();
                    }
                }
                p.httpCheck = Optional.of(new HttpCheck("OPTIONS", "/", "HTTP/1.0", List.of(), List.of(), false, line.pos()));
            }
            case "forwardfor" -> forwardFor(p, line, enable);
            case "redispatch" -> {
                if (args.size() > 1 || (args.size() == 1 && Values.integer(args.getFirst(), -Integer.MAX_VALUE, Integer.MAX_VALUE, "redispatch interval", problems).isEmpty())) {
                    if (args.size() > 1) {
                        problems.error(args.get(1), "unexpected extra value", "option redispatch [<interval>]");
                    }
                    return;
                }
                p.options.put("redispatch", enable);
            }
            default -> {
                if (OPTIONS_WITH_ARGS.contains(name.text())) {
                    p.options.put(name.text(), enable);
                    if (!args.isEmpty()) {
                        p.settings.add(new Setting("option", line.args().stream().map(Word::text).toList(), line.pos()));
                    }
                } else if (PLAIN_OPTIONS.contains(name.text())) {
                    if (!args.isEmpty()) {
                        problems.error(args.getFirst(), "unexpected argument to 'option " + name.text() + "'", "option " + name.text());
                        return;
                    }
                    p.options.put(name.text(), enable);
                } else {
                    List<String> all = new ArrayList<>(PLAIN_OPTIONS);
                    all.addAll(OPTIONS_WITH_ARGS);
                    all.addAll(List.of("httpchk", "forwardfor", "redispatch"));
                    String hint = Suggestions.closest(name.text(), all).map(s -> "did you mean '" + s + "'?")
                            .orElse("expected: an option such as httpchk, forwardfor, redispatch, httplog, http-server-close");
                    problems.add(Diagnostic.of(Severity.ERROR, name.pos(), "unknown option", name.text(), hint));
                }
            }
        }
    }

    private void forwardFor(ProxyBuilder p, ConfigLine line, boolean enable) {
        if (!enable) {
            p.forwardFor = Optional.empty();
            return;
        }
        Optional<String> except = Optional.empty();
        String header = "X-Forwarded-For";
        boolean ifNone = false;
        List<Word> args = line.from(2);
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            switch (w.text()) {
                case "if-none" -> ifNone = true;
                case "except", "header" -> {
                    if (i + 1 >= args.size()) {
                        problems.error(w, "missing value after", w.text().equals("except") ? "except <network>" : "header <name>");
                        return;
                    }
                    Word v = args.get(++i);
                    if (w.text().equals("except")) {
                        String net = v.text();
                        String address = net.contains("/") ? net.substring(0, net.indexOf('/')) : net;
                        if (!Addresses.ipv4Literal(address) && !Addresses.ipv6Literal(address)) {
                            problems.error(v, "invalid network", "an address or network such as 127.0.0.0/8");
                            return;
                        }
                        except = Optional.of(net);
                    } else {
                        header = v.text();
                    }
                }
                default -> {
                    problems.error(w, "unknown argument to option forwardfor", "except <network>, header <name> or if-none");
                    return;
                }
            }
        }
        p.forwardFor = Optional.of(new ForwardFor(except, header, ifNone, line.pos()));
    }

    private void httpCheck(ProxyBuilder p, ConfigLine line) {
        if (line.argCount() == 0) {
            problems.error(line.keyword(), "missing action after", "http-check expect|send|disable-on-404|connect|comment|set-var|unset-var …");
            return;
        }
        Word action = line.arg(0);
        switch (action.text()) {
            case "disable-on-404" -> p.disableOn404 = true;
            case "expect" -> expect(p, line);
            case "send" -> send(p, line);
            case "connect", "comment", "set-var", "set-var-fmt", "unset-var", "send-state" ->
                    p.settings.add(new Setting("http-check", line.args().stream().map(Word::text).toList(), line.pos()));
            default -> problems.error(action, "unknown http-check action", "expect, send, disable-on-404, connect, comment, send-state, set-var or unset-var");
        }
    }

    private void expect(ProxyBuilder p, ConfigLine line) {
        List<Word> args = line.from(2);
        int i = 0;
        // Options before the match (min-recv, ok-status, error-status, tout-status, on-success, on-error, status-code, comment).
        while (i < args.size() && Set.of("min-recv", "ok-status", "error-status", "tout-status", "on-success", "on-error", "status-code", "comment")
                .contains(args.get(i).text())) {
            i += 2;
        }
        boolean negated = false;
        if (i < args.size() && args.get(i).is("!")) {
            negated = true;
            i++;
        }
        if (i >= args.size()) {
            problems.error(line.arg(0), "missing match after", "http-check expect [!] status|rstatus|string|rstring <pattern>");
            return;
        }
        Word kindWord = args.get(i);
        Optional<HttpCheck.ExpectKind> kind = HttpCheck.ExpectKind.of(kindWord.text());
        if (kind.isEmpty()) {
            if (Set.of("hdr", "fhdr").contains(kindWord.text())) {
                p.settings.add(new Setting("http-check", line.args().stream().map(Word::text).toList(), line.pos()));
                return;
            }
            problems.error(kindWord, "unknown http-check expect match", "status, rstatus, string, rstring, hdr or fhdr");
            return;
        }
        if (i + 1 >= args.size()) {
            problems.error(kindWord, "missing pattern after", "http-check expect " + kindWord.text() + " <pattern>");
            return;
        }
        Word pattern = args.get(i + 1);
        if (i + 2 < args.size()) {
            problems.error(args.get(i + 2), "unexpected extra value", "http-check expect [!] " + kindWord.text() + " <pattern>");
            return;
        }
        if (kind.get() == HttpCheck.ExpectKind.STATUS && !pattern.text().matches("[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*")) {
            problems.error(pattern, "invalid status list", "codes or ranges such as 200, 200-399 or 200,301");
            return;
        }
        if (kind.get() == HttpCheck.ExpectKind.RSTATUS || kind.get() == HttpCheck.ExpectKind.RSTRING) {
            try {
                java.util.regex.Pattern.compile(pattern.text());
            } catch (java.util.regex.PatternSyntaxException e) {
                problems.error(pattern, "invalid regular expression", e.getDescription());
                return;
            }
        }
        p.expects.add(new HttpCheck.Expect(negated, kind.get(), pattern.text(), line.pos()));
    }

    private void send(ProxyBuilder p, ConfigLine line) {
        List<Word> args = line.from(2);
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            int needs = w.text().equals("hdr") ? 2 : 1;
            if (!Set.of("meth", "uri", "uri-lf", "ver", "hdr", "body", "body-lf", "comment").contains(w.text())) {
                problems.error(w, "unknown http-check send argument", "meth, uri, ver, hdr, body or comment");
                return;
            }
            if (i + needs >= args.size()) {
                problems.error(w, "missing value after", w.text() + (needs == 2 ? " <name> <value>" : " <value>"));
                return;
            }
            switch (w.text()) {
                case "meth" -> p.checkMethod = args.get(i + 1).text();
                case "uri", "uri-lf" -> p.checkUri = args.get(i + 1).text();
                case "ver" -> p.checkVersion = args.get(i + 1).text();
                case "hdr" -> p.checkHeaders.add(args.get(i + 1).text() + ": " + args.get(i + 2).text());
                default -> p.settings.add(new Setting("http-check", List.of("send", w.text(), args.get(i + 1).text()), w.pos()));
            }
            i += needs;
        }
    }

    private void retries(ProxyBuilder p, ConfigLine line) {
        if (arity(line, 1, 1, "retries <count>")) {
            Values.integer(line.arg(0), 0, Integer.MAX_VALUE, "retries", problems).ifPresent(n -> p.retries = n);
        }
    }

    private void timeout(ProxyBuilder p, ConfigLine line) {
        String usage = "timeout client|server|connect|http-request|http-keep-alive|queue|tunnel|check|client-fin|server-fin|tarpit <time>";
        if (!arity(line, 2, 2, usage)) {
            return;
        }
        Optional<TimeoutKind> kind = TimeoutKind.of(line.arg(0).text());
        if (kind.isEmpty()) {
            List<String> names = java.util.Arrays.stream(TimeoutKind.values()).map(TimeoutKind::keyword).toList();
            String hint = Suggestions.closest(line.arg(0).text(), names).map(s -> "did you mean '" + s + "'?").orElse("expected: one of " + String.join(", ", names));
            problems.add(Diagnostic.of(Severity.ERROR, line.arg(0).pos(), "unknown timeout", line.arg(0).text(), hint));
            return;
        }
        TimeoutKind k = kind.get();
        if (p.kind != ProxyKind.DEFAULTS && ((!k.frontend() && !p.kind.isBackend()) || (!k.backend() && !p.kind.isFrontend()))) {
            problems.add(Diagnostic.of(Severity.WARNING, line.arg(0).pos(), "ignored: " + p.kind.keyword() + " '" + p.name + "' has no "
                    + (k.frontend() ? "frontend" : "backend") + " capability, timeout", k.keyword(), "it belongs in " + (k.frontend() ? "a frontend" : "a backend")));
            return;
        }
        Values.duration(line.arg(1), problems).ifPresent(d -> p.timeouts.put(k, d));
    }

    private void maxconn(ProxyBuilder p, ConfigLine line) {
        if (arity(line, 1, 1, "maxconn <count>")) {
            OptionalInt n = Values.integer(line.arg(0), 0, Integer.MAX_VALUE, "maxconn", problems);
            if (n.isPresent()) {
                p.maxconn = n;
            }
        }
    }

    private void server(ProxyBuilder p, ConfigLine line) {
        servers.server(line, p.defaultServer).ifPresent(s -> {
            if (s.options().check() && s.options().checkPort().isEmpty() && s.address() instanceof Endpoint.Inet inet
                    && (inet.firstPort() == 0 || inet.portOffset())) {
                problems.error(line.arg(1), "health-checked server has neither service port nor check port",
                        "a port in the address, or 'port <n>' for the checks");
                return;
            }
            Optional<Server> same = p.servers.stream().filter(o -> o.name().equals(s.name())).findFirst();
            if (same.isPresent()) {
                problems.error(line.arg(0), "duplicate server name in " + p.kind.keyword() + " '" + p.name + "'",
                        "a name not used yet: '" + s.name() + "' is already declared at line " + same.get().pos().line());
                return;
            }
            p.servers.add(s);
        });
    }

    private void defaultServer(ProxyBuilder p, ConfigLine line) {
        servers.defaultServer(line, p.defaultServer).ifPresent(o -> p.defaultServer = o);
    }

    private void httpRule(ProxyBuilder p, ConfigLine line, HttpRuleParser.Direction direction) {
        rules.parse(line, direction, p.aclNames).ifPresent(r -> {
            if (direction == HttpRuleParser.Direction.REQUEST) {
                p.httpRequest.add(r);
            } else {
                p.httpResponse.add(r);
            }
        });
    }

    private void httpReuse(ProxyBuilder p, ConfigLine line) {
        if (!arity(line, 1, 1, "http-reuse never|safe|aggressive|always")) {
            return;
        }
        switch (line.arg(0).text()) {
            case "never" -> p.httpReuse = HttpReuse.NEVER;
            case "safe" -> p.httpReuse = HttpReuse.SAFE;
            case "aggressive" -> p.httpReuse = HttpReuse.AGGRESSIVE;
            case "always" -> p.httpReuse = HttpReuse.ALWAYS;
            default -> problems.error(line.arg(0), "unknown http-reuse mode", "never, safe, aggressive or always");
        }
    }

    private void stickTable(ProxyBuilder p, ConfigLine line) {
        if (p.stickTable.isPresent()) {
            problems.error(line.keyword(), "only one stick-table per proxy", "one stick-table line (declare a backend per extra table)");
            return;
        }
        StickTableParser.parse(line, problems).ifPresent(t -> p.stickTable = Optional.of(t));
    }

    private void stats(ProxyBuilder p, ConfigLine line) {
        if (line.argCount() == 0) {
            problems.error(line.keyword(), "missing argument after", "stats enable|uri|realm|auth|refresh|admin|hide-version|show-legends|show-node|show-desc|scope|http-request");
            return;
        }
        Word what = line.arg(0);
        if (p.statsPos == null) {
            p.statsPos = line.pos();
        }
        switch (what.text()) {
            case "enable" -> p.statsEnabled = true;
            case "uri" -> {
                if (arity(line, 2, 2, "stats uri <prefix>")) {
                    p.statsUri = Optional.of(line.arg(1).text());
                }
            }
            case "admin", "http-request" -> {
                List<Word> rest = line.from(2);
                int cond = 0;
                while (cond < rest.size() && !rest.get(cond).is("if") && !rest.get(cond).is("unless")) {
                    cond++;
                }
                if (what.text().equals("admin") && cond != 0) {
                    problems.error(line.arg(0), "missing condition after", "stats admin if|unless <condition>");
                    return;
                }
                if (cond < rest.size() && conditions.parse(rest.subList(cond, rest.size()), p.aclNames).isEmpty()) {
                    return;
                }
                p.statsSettings.add(new Setting("stats", line.args().stream().map(Word::text).toList(), line.pos()));
            }
            case "realm", "auth", "refresh", "scope", "show-desc", "show-node", "hide-version", "show-legends", "show-modules", "bind-process" ->
                    p.statsSettings.add(new Setting("stats", line.args().stream().map(Word::text).toList(), line.pos()));
            case "socket", "timeout", "maxconn" ->
                    problems.error(what, "'stats " + what.text() + "' is not allowed in a proxy section", "it belongs in the 'global' section");
            default -> problems.error(what, "unknown stats keyword", "enable, uri, realm, auth, refresh, admin, hide-version, show-legends, show-node, show-desc, scope or http-request");
        }
    }
}
