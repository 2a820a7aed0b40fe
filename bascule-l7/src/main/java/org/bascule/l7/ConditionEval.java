package org.bascule.l7;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.NumberSample;
import org.bascule.l7.spec.StringMatch;

/**
 * Evaluates {@code if}/{@code unless} conditions and named ACLs of one frontend against a
 * request. Several {@code acl} lines of one name are OR'ed, as HAProxy does. Regexes are
 * compiled once, when the frontend starts.
 */
final class ConditionEval {

    private final Map<String, List<Condition>> acls;
    private final Map<String, LiveBackend> backends;
    private final Map<String, Pattern> regexes = new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code tune.bufsize}: how much of a held body {@code req.body} and its kin see. */
    private final int bufferSize;
    /** {@code fe_conn}: the frontend's open connections. */
    private final IntSupplier frontendConnections;

    ConditionEval(Map<String, List<Condition>> acls, Map<String, LiveBackend> backends, int bufferSize, IntSupplier frontendConnections) {
        this.acls = acls;
        this.backends = backends;
        this.bufferSize = bufferSize;
        this.frontendConnections = frontendConnections;
    }

    boolean test(Condition c, RequestFacts f) {
        return switch (c) {
            case Condition.Always a -> a.value();
            case Condition.Acl a -> {
                for (Condition body : acls.getOrDefault(a.name(), List.of())) {
                    if (test(body, f)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Condition.Path p -> f != null && matches(Optional.of(f.path), p.match());
            case Condition.Header h -> f != null && matches(f.header(h.name()), h.match());
            case Condition.Method m -> f != null && m.methods().contains(f.request.method().name());
            case Condition.Source s -> f != null && s.networks().stream().anyMatch(n -> n.contains(f.client.getAddress()));
            case Condition.Destination d -> f != null && d.networks().stream().anyMatch(n -> n.contains(f.local.getAddress()));
            case Condition.Text t -> f != null && f.texts(t.sample(), bufferSize).stream().anyMatch(v -> matches(Optional.of(v), t.match()));
            case Condition.Number n -> {
                OptionalLong v = number(n.sample(), f);
                yield v.isPresent() && n.op().test(v.getAsLong(), n.value());
            }
            case Condition.Flag fl -> f != null && f.flag(fl.sample());
            case Condition.UsableServers u -> {
                LiveBackend b = backends.get(u.backend());
                yield b != null && u.op().test(b.usableServers(), u.value());
            }
            case Condition.TrackedRequestRate r -> f != null && f.trackedRate[r.counter()] >= 0
                    && r.op().test(f.trackedRate[r.counter()], r.value());
            case Condition.All all -> all.terms().stream().allMatch(t -> test(t, f));
            case Condition.Any any -> any.terms().stream().anyMatch(t -> test(t, f));
            case Condition.Not not -> !test(not.term(), f);
        };
    }

    /** Loads are the proxy's ({@code fe_conn}, {@code be_conn}); the rest is the request's. */
    private OptionalLong number(NumberSample sample, RequestFacts f) {
        return switch (sample) {
            case NumberSample.Plain.FRONTEND_CONNECTIONS -> OptionalLong.of(frontendConnections.getAsInt());
            case NumberSample.BackendConnections be -> {
                LiveBackend b = backends.get(be.backend());
                yield b == null ? OptionalLong.empty() : OptionalLong.of(b.load());
            }
            default -> f == null ? OptionalLong.empty() : f.number(sample, bufferSize);
        };
    }

    private boolean matches(Optional<String> sample, StringMatch m) {
        if (sample.isEmpty()) {
            return false;
        }
        String s = m.ignoreCase() ? sample.get().toLowerCase(Locale.ROOT) : sample.get();
        for (String raw : m.patterns()) {
            String p = m.ignoreCase() ? raw.toLowerCase(Locale.ROOT) : raw;
            boolean hit = switch (m.method()) {
                case EXACT -> s.equals(p);
                case BEGIN -> s.startsWith(p);
                case END -> s.endsWith(p);
                case SUB -> s.contains(p);
                case DIR -> delimited(s, p, '/');
                case DOM -> delimited(s, p, '.');
                case REGEX -> regexes.computeIfAbsent((m.ignoreCase() ? "(?i)" : "") + raw, Pattern::compile).matcher(sample.get()).find();
                case FOUND -> true;
            };
            if (hit) {
                return true;
            }
        }
        return m.patterns().isEmpty() && m.method() == org.bascule.l7.spec.MatchMethod.FOUND;
    }

    /** {@code -m dir} / {@code -m dom}: {@code p} occurs bounded by the delimiter or the ends. */
    private static boolean delimited(String s, String p, char delim) {
        int from = 0;
        int i;
        while ((i = s.indexOf(p, from)) >= 0) {
            int end = i + p.length();
            if ((i == 0 || s.charAt(i - 1) == delim) && (end == s.length() || s.charAt(end) == delim)) {
                return true;
            }
            from = i + 1;
        }
        return false;
    }
}
