package org.bascule.config.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * Reads {@code if|unless <condition>} (configuration.txt section 7.2). HAProxy resolves ACL
 * names when it reads the condition, so a name must be declared above the line that uses it
 * (or be one of the predefined ACLs of section 7.4).
 */
final class ConditionParser {

    /** HAProxy 2.6's predefined ACLs (configuration.txt section 7.4). */
    static final Set<String> PREDEFINED = Set.of("FALSE", "HTTP", "HTTP_1.0", "HTTP_1.1", "HTTP_CONTENT", "HTTP_URL_ABS", "HTTP_URL_SLASH",
            "HTTP_URL_STAR", "LOCALHOST", "METH_CONNECT", "METH_DELETE", "METH_GET", "METH_HEAD", "METH_OPTIONS", "METH_POST", "METH_PUT",
            "METH_TRACE", "RDP_COOKIE", "REQ_CONTENT", "TRUE", "WAIT_END");

    private final Problems problems;
    private final AclParser acls;

    ConditionParser(Problems problems) {
        this.problems = problems;
        this.acls = new AclParser(problems);
    }

    /**
     * The condition starting at {@code words[0]} ({@code if} or {@code unless}).
     *
     * @param declared ACL names usable here
     */
    Optional<Condition> parse(List<Word> words, Set<String> declared) {
        Word keyword = words.getFirst();
        boolean unless = keyword.text().equals("unless");
        if (words.size() == 1) {
            problems.error(keyword, "missing condition after", keyword.text() + " <acl> [|| <acl>…]");
            return Optional.empty();
        }
        List<List<Condition.Term>> alternatives = new ArrayList<>();
        List<Condition.Term> current = new ArrayList<>();
        boolean ok = true;
        int i = 1;
        while (i < words.size()) {
            Word w = words.get(i);
            String text = w.text();
            if (!w.quoted() && (text.equals("||") || text.equals("or"))) {
                if (current.isEmpty()) {
                    problems.error(w, "missing ACL before", "an ACL name or { … } on both sides of " + text);
                    return Optional.empty();
                }
                alternatives.add(current);
                current = new ArrayList<>();
                i++;
                continue;
            }
            boolean negated = false;
            while (!w.quoted() && text.startsWith("!")) {
                negated = !negated;
                text = text.substring(1);
                if (text.isEmpty()) {
                    i++;
                    if (i >= words.size()) {
                        problems.error(w, "missing ACL after", "an ACL name or { … } after !");
                        return Optional.empty();
                    }
                    w = words.get(i);
                    text = w.text();
                }
            }
            if (!w.quoted() && text.equals("{")) {
                int close = i + 1;
                while (close < words.size() && !words.get(close).is("}")) {
                    close++;
                }
                if (close >= words.size()) {
                    problems.error(w, "missing '}' for anonymous ACL", "{ <fetch> [flags] <patterns> } with blanks around the braces");
                    return Optional.empty();
                }
                if (close == i + 1) {
                    problems.error(w, "empty anonymous ACL", "{ <fetch> [flags] <patterns> }");
                    return Optional.empty();
                }
                Optional<AclExpression> e = acls.expression(words.subList(i + 1, close));
                if (e.isEmpty()) {
                    ok = false;
                } else {
                    current.add(new Condition.Term(negated, new Condition.AclRef.Anonymous(e.get())));
                }
                i = close + 1;
                continue;
            }
            if (!w.quoted() && (text.equals("}") || text.startsWith("{"))) {
                problems.error(w, "unexpected brace in condition", "'{' and '}' as separate words around an anonymous ACL");
                return Optional.empty();
            }
            if (!declared.contains(text) && !PREDEFINED.contains(text)) {
                List<String> candidates = new ArrayList<>(declared);
                candidates.addAll(PREDEFINED);
                String hint = Suggestions.closest(text, candidates).map(s -> "did you mean '" + s + "'?")
                        .orElse(declared.isEmpty() ? "declare it with 'acl " + text + " …' above this line"
                                : "expected: an ACL declared above, one of " + String.join(", ", declared.stream().sorted().limit(5).toList()));
                problems.add(Diagnostic.of(Severity.ERROR, w.pos(), "no such ACL", text, hint));
                ok = false;
            } else {
                current.add(new Condition.Term(negated, new Condition.AclRef.Named(text, w.pos())));
            }
            i++;
        }
        if (current.isEmpty()) {
            if (ok) {
                problems.error(words.getLast(), "missing ACL after", "an ACL name or { … } after " + words.getLast().text());
            }
            return Optional.empty();
        }
        alternatives.add(current);
        return ok ? Optional.of(new Condition(unless, alternatives, keyword.pos())) : Optional.empty();
    }
}
