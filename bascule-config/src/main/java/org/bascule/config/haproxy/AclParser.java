package org.bascule.config.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.PatternSyntaxException;
import org.bascule.config.Suggestions;

/**
 * Reads ACL expressions: {@code <fetch>[,<converter>…] [-i] [-m <method>] [-f <file>] [--]
 * [<operator>] <pattern>…} (configuration.txt section 7.1), and sample fetch words.
 */
final class AclParser {

    private static final List<String> METHODS = List.of("found", "bool", "int", "ip", "bin", "len", "str", "sub", "reg", "beg", "end", "dir", "dom");
    private static final List<String> OPERATORS = List.of("eq", "ge", "gt", "le", "lt");

    private final Problems problems;

    AclParser(Problems problems) {
        this.problems = problems;
    }

    /** A fetch word such as {@code hdr(host)} or {@code src,ipmask(24)}; reports and returns empty when invalid. */
    Optional<Fetch> fetch(Word word) {
        String text = word.text();
        int i = 0;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "._-".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        String name = text.substring(0, i);
        if (name.isEmpty()) {
            problems.error(word, "invalid sample fetch", "a fetch name such as path, hdr(host), src or nbsrv(backend)");
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        if (i < text.length() && text.charAt(i) == '(') {
            int close = text.indexOf(')', i);
            if (close < 0) {
                problems.error(word, "missing ')' in sample fetch", name + "(arguments)");
                return Optional.empty();
            }
            String inside = text.substring(i + 1, close);
            if (!inside.isEmpty()) {
                args.addAll(List.of(inside.split(",", -1)));
            }
            i = close + 1;
        }
        List<String> converters = new ArrayList<>();
        if (i < text.length()) {
            if (text.charAt(i) != ',') {
                problems.error(word, "unexpected text after sample fetch", name + "(arguments)[,converter…]");
                return Optional.empty();
            }
            converters.addAll(splitTopLevel(text.substring(i + 1)));
            if (converters.stream().anyMatch(String::isEmpty)) {
                problems.error(word, "empty converter in sample expression", "fetch,converter(args),…");
                return Optional.empty();
            }
        }
        return Optional.of(new Fetch(name, args, converters));
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * An ACL expression from {@code words} (the fetch first). Backends named by {@code nbsrv}
     * and the like are checked later, when every backend is known.
     */
    Optional<AclExpression> expression(List<Word> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Word fetchWord = words.getFirst();
        Optional<Fetch> parsed = fetch(fetchWord);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Fetch raw = parsed.get();
        Optional<FetchTable.Resolved> resolved = FetchTable.resolve(raw.name());
        if (resolved.isEmpty()) {
            String hint = Suggestions.closest(raw.name(), FetchTable.names()).map(s -> "did you mean '" + s + "'?")
                    .orElse("expected: a sample fetch such as path, path_beg, hdr(host), src, nbsrv(backend) or sc_http_req_rate(0)");
            problems.add(org.bascule.config.Diagnostic.of(org.bascule.config.Severity.ERROR, fetchWord.pos(), "unknown sample fetch", raw.name(), hint));
            return Optional.empty();
        }
        FetchTable.Resolved r = resolved.get();
        if (raw.args().size() < r.spec().minArgs() || raw.args().size() > r.spec().maxArgs()) {
            problems.error(fetchWord, "wrong number of arguments to '" + raw.name() + "'",
                    r.spec().minArgs() == r.spec().maxArgs() ? r.spec().minArgs() + " argument(s)"
                            : r.spec().minArgs() + " to " + r.spec().maxArgs() + " arguments");
            return Optional.empty();
        }
        Fetch fetch = new Fetch(r.base(), raw.args(), raw.converters());
        // null: the fetch has no ACL keyword of its own and -m must say how to match (finish checks).
        MatchMethod method = r.method().orElse(FetchTable.methodRequired(r.base()) ? null : FetchTable.defaultMethod(r.spec().type()));
        boolean ignoreCase = false;
        List<String> files = new ArrayList<>();
        int i = 1;
        while (i < words.size() && words.get(i).text().startsWith("-") && !words.get(i).quoted()) {
            Word flag = words.get(i);
            switch (flag.text()) {
                case "-i" -> ignoreCase = true;
                case "-n", "-u", "-M" -> {
                    if (flag.text().equals("-u")) {
                        i++;
                    }
                }
                case "-m", "-f" -> {
                    if (i + 1 >= words.size()) {
                        problems.error(flag, "missing value after", flag.text().equals("-m") ? "-m " + String.join("|", METHODS) : "-f FILE");
                        return Optional.empty();
                    }
                    Word value = words.get(++i);
                    if (flag.text().equals("-f")) {
                        files.add(value.text());
                    } else if (!METHODS.contains(value.text())) {
                        problems.error(value, "unknown match method", String.join(", ", METHODS));
                        return Optional.empty();
                    } else {
                        method = MatchMethod.valueOf(value.text().toUpperCase());
                    }
                }
                case "--" -> {
                    i++;
                    return finish(fetch, method, ignoreCase, files, words, i, fetchWord);
                }
                default -> {
                    if (method == MatchMethod.INT && flag.text().matches("-[0-9]+(:-?[0-9]*)?")) {
                        return finish(fetch, method, ignoreCase, files, words, i, fetchWord);
                    }
                    problems.error(flag, "unknown ACL flag", "-i, -m METHOD, -f FILE, -n, -M, -u ID or --");
                    return Optional.empty();
                }
            }
            i++;
        }
        return finish(fetch, method, ignoreCase, files, words, i, fetchWord);
    }

    private Optional<AclExpression> finish(Fetch fetch, MatchMethod method, boolean ignoreCase, List<String> files, List<Word> words, int from,
                                           Word fetchWord) {
        if (method == null) {
            // HAProxy 2.6 refuses it too ("matching method must be specified first").
            problems.error(fetchWord, "no match method for the sample fetch", "-m str|sub|beg|end|reg|found|len … before the patterns");
            return Optional.empty();
        }
        List<Word> patternWords = words.subList(from, words.size());
        List<AclPattern> patterns = new ArrayList<>();
        switch (method) {
            case FOUND, BOOL -> {
                if (!patternWords.isEmpty()) {
                    problems.error(patternWords.getFirst(), "unexpected pattern for match method '" + method.keyword() + "'",
                            "no pattern: -m " + method.keyword() + " only tests the sample");
                    return Optional.empty();
                }
            }
            case INT, LEN -> {
                if (!intPatterns(patternWords, patterns)) {
                    return Optional.empty();
                }
            }
            case IP -> {
                for (Word w : patternWords) {
                    Optional<AclPattern> p = ipPattern(w);
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    patterns.add(p.get());
                }
            }
            case REG -> {
                for (Word w : patternWords) {
                    try {
                        java.util.regex.Pattern.compile(w.text());
                    } catch (PatternSyntaxException e) {
                        problems.error(w, "invalid regular expression", e.getDescription());
                        return Optional.empty();
                    }
                    patterns.add(new AclPattern.Text(w.text()));
                }
            }
            default -> patternWords.forEach(w -> patterns.add(new AclPattern.Text(w.text())));
        }
        return Optional.of(new AclExpression(fetch, method, ignoreCase, patterns, files, fetchWord.pos()));
    }

    /** {@code 5}, {@code 1:10}, {@code :10}, {@code 10:}, or an operator followed by one number. */
    private boolean intPatterns(List<Word> words, List<AclPattern> out) {
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (OPERATORS.contains(w.text())) {
                if (i + 1 >= words.size()) {
                    problems.error(w, "missing number after operator", w.text() + " <integer>");
                    return false;
                }
                Word n = words.get(++i);
                Optional<Long> v = signed(n.text());
                if (v.isEmpty()) {
                    problems.error(n, "invalid integer after '" + w.text() + "'", "an integer");
                    return false;
                }
                long x = v.get();
                out.add(switch (w.text()) {
                    case "eq" -> new AclPattern.IntRange(x, x);
                    case "ge" -> new AclPattern.IntRange(x, Long.MAX_VALUE);
                    case "gt" -> new AclPattern.IntRange(x == Long.MAX_VALUE ? x : x + 1, Long.MAX_VALUE);
                    case "le" -> new AclPattern.IntRange(Long.MIN_VALUE, x);
                    default -> new AclPattern.IntRange(Long.MIN_VALUE, x == Long.MIN_VALUE ? x : x - 1);
                });
                continue;
            }
            String text = w.text();
            int colon = text.indexOf(':', 1);
            Optional<Long> lo;
            Optional<Long> hi;
            if (colon < 0 && !text.startsWith(":")) {
                lo = signed(text);
                hi = lo;
            } else {
                int c = text.startsWith(":") ? 0 : colon;
                String a = text.substring(0, c);
                String b = text.substring(c + 1);
                lo = a.isEmpty() ? Optional.of(Long.MIN_VALUE) : signed(a);
                hi = b.isEmpty() ? Optional.of(Long.MAX_VALUE) : signed(b);
            }
            if (lo.isEmpty() || hi.isEmpty() || lo.get() > hi.get()) {
                problems.error(w, "invalid integer pattern", "an integer, a range such as 1:10, or eq|ge|gt|le|lt followed by an integer");
                return false;
            }
            out.add(new AclPattern.IntRange(lo.get(), hi.get()));
        }
        return true;
    }

    private static Optional<Long> signed(String text) {
        boolean negative = text.startsWith("-");
        OptionalLong v = Values.parseLong(negative ? text.substring(1) : text);
        return v.isPresent() ? Optional.of(negative ? -v.getAsLong() : v.getAsLong()) : Optional.empty();
    }

    private Optional<AclPattern> ipPattern(Word w) {
        String text = w.text();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = address.contains(":");
        boolean valid = v6 ? Addresses.ipv6Literal(address) : Addresses.ipv4Literal(address);
        int max = v6 ? 128 : 32;
        int length = max;
        if (valid && slash >= 0) {
            String mask = text.substring(slash + 1);
            OptionalLong bits = Values.parseLong(mask);
            if (bits.isPresent() && bits.getAsLong() <= max) {
                length = (int) bits.getAsLong();
            } else if (!v6 && Addresses.ipv4Literal(mask)) {
                length = dottedMaskLength(mask);
                valid = length >= 0;
            } else {
                valid = false;
            }
        }
        if (!valid) {
            problems.error(w, "invalid address pattern", "an IPv4 or IPv6 address, optionally with /prefix-length, e.g. 10.0.0.0/8 or 2001:db8::/32");
            return Optional.empty();
        }
        return Optional.of(new AclPattern.IpPrefix(address, length));
    }

    private static int dottedMaskLength(String mask) {
        long bits = 0;
        for (String part : mask.split("\\.")) {
            bits = (bits << 8) | Long.parseLong(part);
        }
        int ones = Long.bitCount(bits);
        long expected = ones == 0 ? 0 : (0xFFFFFFFFL << (32 - ones)) & 0xFFFFFFFFL;
        return bits == expected ? ones : -1;
    }
}
