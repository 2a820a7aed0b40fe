package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * Reads {@code http-request} and {@code http-response} rules: {@code <action> [args]
 * [if|unless <condition>]} (configuration.txt section 4.2). The actions Bascule models get a
 * record; the other actions HAProxy 2.6 knows are kept as {@link HttpRule.Other}; an unknown
 * action is an error, as in HAProxy.
 */
final class HttpRuleParser {

    /** Direction of the rule list. */
    enum Direction {
        REQUEST("http-request"), RESPONSE("http-response");

        final String keyword;

        Direction(String keyword) {
            this.keyword = keyword;
        }
    }

    private static final Set<String> OTHER_REQUEST = Set.of("auth", "cache-use", "capture", "del-acl", "del-map", "disable-l7-retry",
            "do-resolve", "early-hint", "normalize-uri", "reject", "replace-header", "replace-path", "replace-pathq", "replace-uri",
            "replace-value", "return", "sc-inc-gpc", "sc-inc-gpc0", "sc-inc-gpc1", "sc-set-gpt0", "send-spoe-group", "set-dst", "set-dst-port",
            "set-log-level", "set-map", "set-mark", "set-method", "set-nice", "set-path", "set-pathq", "set-priority-class",
            "set-priority-offset", "set-query", "set-src", "set-src-port", "set-timeout", "set-tos", "set-uri", "set-var", "set-var-fmt",
            "silent-drop", "strict-mode", "tarpit", "unset-var", "use-service", "wait-for-body", "wait-for-handshake", "add-acl");
    private static final Set<String> OTHER_RESPONSE = Set.of("add-acl", "cache-store", "capture", "del-acl", "del-map", "replace-header",
            "replace-value", "return", "sc-inc-gpc", "sc-inc-gpc0", "sc-inc-gpc1", "sc-set-gpt0", "send-spoe-group", "set-log-level", "set-map",
            "set-mark", "set-nice", "set-status", "set-tos", "set-var", "set-var-fmt", "silent-drop", "strict-mode", "unset-var",
            "wait-for-body");
    private static final Set<String> MODELLED = Set.of("set-header", "add-header", "del-header", "deny", "allow", "redirect", "track-sc0",
            "track-sc1", "track-sc2");
    private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

    private final Problems problems;
    private final ConditionParser conditions;
    private final AclParser acls;

    HttpRuleParser(Problems problems) {
        this.problems = problems;
        this.conditions = new ConditionParser(problems);
        this.acls = new AclParser(problems);
    }

    /** The rule of {@code line} ({@code http-request …}); empty when invalid (reported). */
    Optional<HttpRule> parse(ConfigLine line, Direction direction, Set<String> declaredAcls) {
        if (line.argCount() == 0) {
            problems.error(line.keyword(), "missing action after", direction.keyword + " <action> [args] [if|unless <condition>]");
            return Optional.empty();
        }
        List<Word> words = line.args();
        int condAt = -1;
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i).is("if") || words.get(i).is("unless")) {
                condAt = i;
                break;
            }
        }
        Word action = words.getFirst();
        List<Word> args = words.subList(1, condAt < 0 ? words.size() : condAt);
        Optional<Condition> condition = Optional.empty();
        if (condAt >= 0) {
            condition = conditions.parse(words.subList(condAt, words.size()), declaredAcls);
            if (condition.isEmpty()) {
                return Optional.empty();
            }
        }
        String name = action.text();
        Set<String> others = direction == Direction.REQUEST ? OTHER_REQUEST : OTHER_RESPONSE;
        if (!MODELLED.contains(name) && !others.contains(name) && !name.startsWith("lua.")) {
            List<String> all = new ArrayList<>(MODELLED);
            all.addAll(others);
            String hint = Suggestions.closest(name, all).map(s -> "did you mean '" + s + "'?")
                    .orElse("expected: an action such as set-header, add-header, del-header, deny, allow, redirect or track-sc0");
            problems.add(Diagnostic.of(Severity.ERROR, action.pos(), "unknown " + direction.keyword + " action", name, hint));
            return Optional.empty();
        }
        Optional<Condition> c = condition;
        return switch (name) {
            case "set-header", "add-header" -> {
                if (args.size() != 2) {
                    problems.error(action, "'" + direction.keyword + " " + name + "' expects exactly 2 arguments", name + " <name> <format>");
                    yield Optional.empty();
                }
                String header = args.get(0).text();
                String value = args.get(1).text();
                yield Optional.of(name.equals("set-header") ? new HttpRule.SetHeader(header, value, c, line.pos())
                        : new HttpRule.AddHeader(header, value, c, line.pos()));
            }
            case "del-header" -> delHeader(line, action, args, c);
            case "deny" -> deny(line, action, args, c);
            case "allow" -> {
                if (!args.isEmpty()) {
                    problems.error(args.getFirst(), "unexpected argument to 'allow'", "allow [if|unless <condition>]");
                    yield Optional.empty();
                }
                yield Optional.of(new HttpRule.Allow(c, line.pos()));
            }
            case "redirect" -> redirect(line, action, args, c);
            case "track-sc0", "track-sc1", "track-sc2" -> track(line, action, args, c);
            case "wait-for-body" -> direction == Direction.REQUEST ? waitForBody(line, action, args, c)
                    : Optional.of(new HttpRule.Other(name, args.stream().map(Word::text).toList(), c, line.pos()));
            default -> Optional.of(new HttpRule.Other(name, args.stream().map(Word::text).toList(), c, line.pos()));
        };
    }

    /** {@code wait-for-body time <time> [at-least <bytes>]}, the two keywords in either order. */
    private Optional<HttpRule> waitForBody(ConfigLine line, Word action, List<Word> args, Optional<Condition> c) {
        String usage = "wait-for-body time <time> [at-least <bytes>]";
        Optional<Duration> time = Optional.empty();
        OptionalLong atLeast = OptionalLong.empty();
        for (int i = 0; i < args.size(); i += 2) {
            Word key = args.get(i);
            if (!key.is("time") && !key.is("at-least")) {
                problems.error(key, "unexpected argument to 'wait-for-body'", usage);
                return Optional.empty();
            }
            if (i + 1 >= args.size()) {
                problems.error(key, "missing value after '" + key.text() + "'", usage);
                return Optional.empty();
            }
            Word value = args.get(i + 1);
            if (key.is("time")) {
                time = Values.duration(value, problems);
                if (time.isEmpty()) {
                    return Optional.empty();
                }
            } else {
                atLeast = Values.size(value, problems);
                if (atLeast.isEmpty()) {
                    return Optional.empty();
                }
            }
        }
        if (time.isEmpty()) {
            problems.error(action, "'wait-for-body' needs its time", usage);
            return Optional.empty();
        }
        return Optional.of(new HttpRule.WaitForBody(time.get(), atLeast, c, line.pos()));
    }

    private Optional<HttpRule> delHeader(ConfigLine line, Word action, List<Word> args, Optional<Condition> c) {
        if (args.size() == 1) {
            return Optional.of(new HttpRule.DelHeader(args.getFirst().text(), MatchMethod.STR, c, line.pos()));
        }
        if (args.size() == 3 && args.get(1).is("-m")) {
            String m = args.get(2).text();
            if (Set.of("str", "beg", "end", "sub", "reg").contains(m)) {
                return Optional.of(new HttpRule.DelHeader(args.getFirst().text(), MatchMethod.valueOf(m.toUpperCase()), c, line.pos()));
            }
            problems.error(args.get(2), "invalid match method for del-header", "str, beg, end, sub or reg");
            return Optional.empty();
        }
        problems.error(action, "wrong arguments to 'del-header'", "del-header <name> [-m str|beg|end|sub|reg]");
        return Optional.empty();
    }

    private Optional<HttpRule> deny(ConfigLine line, Word action, List<Word> args, Optional<Condition> c) {
        if (args.isEmpty()) {
            return Optional.of(new HttpRule.Deny(HttpRule.DEFAULT_DENY_STATUS, c, line.pos()));
        }
        Word first = args.getFirst();
        if (first.is("deny_status") || first.is("status")) {
            if (args.size() < 2) {
                problems.error(first, "missing status code after", first.text() + " <200-599>");
                return Optional.empty();
            }
            OptionalInt code = Values.integer(args.get(1), 200, 599, "status code", problems);
            if (code.isEmpty()) {
                return Optional.empty();
            }
            if (args.size() == 2) {
                return Optional.of(new HttpRule.Deny(code.getAsInt(), c, line.pos()));
            }
        }
        // deny with a custom response body (errorfile, string, hdr …): kept as written.
        return Optional.of(new HttpRule.Other("deny", args.stream().map(Word::text).toList(), c, line.pos()));
    }

    private Optional<HttpRule> redirect(ConfigLine line, Word action, List<Word> args, Optional<Condition> c) {
        if (args.size() < 2) {
            problems.error(action, "missing target after", "redirect location|prefix|scheme <target> [code <code>] [option…]");
            return Optional.empty();
        }
        HttpRule.RedirectType type;
        switch (args.getFirst().text()) {
            case "location" -> type = HttpRule.RedirectType.LOCATION;
            case "prefix" -> type = HttpRule.RedirectType.PREFIX;
            case "scheme" -> type = HttpRule.RedirectType.SCHEME;
            default -> {
                problems.error(args.getFirst(), "unknown redirect type", "location, prefix or scheme");
                return Optional.empty();
            }
        }
        int code = HttpRule.DEFAULT_REDIRECT_CODE;
        List<String> options = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
            Word w = args.get(i);
            switch (w.text()) {
                case "code" -> {
                    if (i + 1 >= args.size()) {
                        problems.error(w, "missing value after", "code 301|302|303|307|308");
                        return Optional.empty();
                    }
                    Word v = args.get(++i);
                    OptionalInt n = Values.integer(v, 0, 999, "redirect code", problems);
                    if (n.isEmpty()) {
                        return Optional.empty();
                    }
                    if (!REDIRECT_CODES.contains(n.getAsInt())) {
                        problems.error(v, "invalid redirect code", "301, 302, 303, 307 or 308");
                        return Optional.empty();
                    }
                    code = n.getAsInt();
                }
                case "drop-query", "append-slash", "ignore-empty" -> options.add(w.text());
                case "set-cookie", "clear-cookie" -> {
                    if (i + 1 >= args.size()) {
                        problems.error(w, "missing value after", w.text() + " NAME[=value]");
                        return Optional.empty();
                    }
                    options.add(w.text() + " " + args.get(++i).text());
                }
                default -> {
                    problems.error(w, "unknown redirect option", "code, drop-query, append-slash, ignore-empty, set-cookie or clear-cookie");
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new HttpRule.Redirect(type, args.get(1).text(), code, options, c, line.pos()));
    }

    private Optional<HttpRule> track(ConfigLine line, Word action, List<Word> args, Optional<Condition> c) {
        int counter = action.text().charAt(action.text().length() - 1) - '0';
        if (args.isEmpty()) {
            problems.error(action, "missing key after", action.text() + " <sample> [table <table>]");
            return Optional.empty();
        }
        Optional<Fetch> key = acls.fetch(args.getFirst());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (FetchTable.resolve(key.get().name()).isEmpty()) {
            String hint = Suggestions.closest(key.get().name(), FetchTable.names()).map(s -> "did you mean '" + s + "'?")
                    .orElse("expected: a sample fetch such as src or hdr(x-api-key)");
            problems.add(Diagnostic.of(Severity.ERROR, args.getFirst().pos(), "unknown sample fetch", key.get().name(), hint));
            return Optional.empty();
        }
        Optional<String> table = Optional.empty();
        if (args.size() >= 2) {
            if (!args.get(1).is("table") || args.size() != 3) {
                problems.error(args.get(1), "unexpected argument", action.text() + " <sample> [table <table>]");
                return Optional.empty();
            }
            table = Optional.of(args.get(2).text());
        }
        return Optional.of(new HttpRule.TrackSc(counter, key.get(), table, c, line.pos()));
    }
}
