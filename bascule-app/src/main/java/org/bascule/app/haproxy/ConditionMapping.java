package org.bascule.app.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.config.Diagnostic;
import org.bascule.config.SourcePos;
import org.bascule.config.haproxy.AclExpression;
import org.bascule.config.haproxy.AclPattern;
import org.bascule.config.haproxy.Condition;
import org.bascule.config.haproxy.HttpRule;
import org.bascule.l7.spec.FlagSample;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.HttpResponseRule;
import org.bascule.l7.spec.IntOp;
import org.bascule.l7.spec.IpRange;
import org.bascule.l7.spec.LogFormat;
import org.bascule.l7.spec.MatchMethod;
import org.bascule.l7.spec.NumberSample;
import org.bascule.l7.spec.StringMatch;
import org.bascule.l7.spec.TextSample;

/**
 * Maps ACL expressions, conditions and http-request/response rules of the parsed haproxy.cfg
 * to the L7 tier's spec. What the tier cannot evaluate is never dropped silently: an ACL it
 * cannot test becomes "never true" and a rule it cannot run is left out, each with a warning
 * naming the line.
 */
final class ConditionMapping {

    private final List<Diagnostic> notes;

    ConditionMapping(List<Diagnostic> notes) {
        this.notes = notes;
    }

    void warn(SourcePos pos, String what, String token, String detail) {
        notes.add(Diagnostic.of(org.bascule.config.Severity.WARNING, pos, what, token, detail));
    }

    /** {@code if|unless} as the spec's condition; empty condition = always. */
    org.bascule.l7.spec.Condition condition(Optional<Condition> c) {
        if (c.isEmpty()) {
            return new org.bascule.l7.spec.Condition.Always(true);
        }
        List<org.bascule.l7.spec.Condition> any = new ArrayList<>();
        for (List<Condition.Term> and : c.get().alternatives()) {
            List<org.bascule.l7.spec.Condition> all = new ArrayList<>();
            for (Condition.Term t : and) {
                org.bascule.l7.spec.Condition term = switch (t.acl()) {
                    case Condition.AclRef.Named n -> named(n);
                    case Condition.AclRef.Anonymous a -> expression(a.expression());
                };
                all.add(t.negated() ? new org.bascule.l7.spec.Condition.Not(term) : term);
            }
            any.add(all.size() == 1 ? all.getFirst() : new org.bascule.l7.spec.Condition.All(all));
        }
        org.bascule.l7.spec.Condition result = any.size() == 1 ? any.getFirst() : new org.bascule.l7.spec.Condition.Any(any);
        return c.get().unless() ? new org.bascule.l7.spec.Condition.Not(result) : result;
    }

    /** A named ACL: declared ones by name, predefined ones (configuration.txt 7.4) by meaning. */
    private org.bascule.l7.spec.Condition named(Condition.AclRef.Named n) {
        return switch (n.name()) {
            case "TRUE", "HTTP" -> new org.bascule.l7.spec.Condition.Always(true);
            case "FALSE" -> new org.bascule.l7.spec.Condition.Always(false);
            case "METH_CONNECT", "METH_DELETE", "METH_GET", "METH_HEAD", "METH_OPTIONS", "METH_POST", "METH_PUT", "METH_TRACE" ->
                    new org.bascule.l7.spec.Condition.Method(n.name().equals("METH_GET") ? List.of("GET", "HEAD") : List.of(n.name().substring(5)));
            case "LOCALHOST" -> new org.bascule.l7.spec.Condition.Source(List.of(IpRange.parse("127.0.0.1/8"), IpRange.parse("::1/128")));
            default -> {
                if (List.of("HTTP_1.0", "HTTP_1.1", "HTTP_CONTENT", "HTTP_URL_ABS", "HTTP_URL_SLASH", "HTTP_URL_STAR", "RDP_COOKIE",
                        "REQ_CONTENT", "WAIT_END").contains(n.name())) {
                    warn(n.pos(), "predefined ACL not supported by the L7 tier yet, taken as never true", n.name(), "TRUE, FALSE, HTTP, LOCALHOST or METH_*");
                    yield new org.bascule.l7.spec.Condition.Always(false);
                }
                yield new org.bascule.l7.spec.Condition.Acl(n.name());
            }
        };
    }

    /** One ACL expression as the spec's test. */
    org.bascule.l7.spec.Condition expression(AclExpression e) {
        Optional<org.bascule.l7.spec.Condition> mapped = tryExpression(e);
        if (mapped.isEmpty()) {
            warn(e.pos(), "ACL test not supported by the L7 tier yet, taken as never true", e.fetch() + " -m " + e.method().keyword(),
                    "path, url, query, base, pathq, hdr(name), hdr_cnt, cook(name), url_param(name), method, req.ver, src, dst, src_port, dst_port, "
                            + "ssl_fc, ssl_fc_sni, ssl_fc_has_sni, http_first_req, req.body, req.body_param(name), req.body_len, req.body_size, "
                            + "nbsrv(backend), be_conn(backend), fe_conn, sc_http_req_rate(n), always_true/false with their usual match methods");
            return new org.bascule.l7.spec.Condition.Always(false);
        }
        return mapped.get();
    }

    private Optional<org.bascule.l7.spec.Condition> tryExpression(AclExpression e) {
        if (!e.fetch().converters().isEmpty() || !e.patternFiles().isEmpty()) {
            return Optional.empty();
        }
        String name = e.fetch().name();
        List<String> args = e.fetch().args();
        return switch (name) {
            case "always_true" -> Optional.of(new org.bascule.l7.spec.Condition.Always(true));
            case "always_false" -> Optional.of(new org.bascule.l7.spec.Condition.Always(false));
            case "path" -> stringMatch(e).map(org.bascule.l7.spec.Condition.Path::new);
            case "hdr", "req.hdr" -> args.isEmpty() || args.size() > 1 ? Optional.empty()
                    : stringMatch(e).map(m -> new org.bascule.l7.spec.Condition.Header(args.getFirst(), m));
            case "method" -> e.method() == org.bascule.config.haproxy.MatchMethod.STR
                    ? Optional.of(new org.bascule.l7.spec.Condition.Method(texts(e))) : Optional.empty();
            case "src" -> addresses(e).map(org.bascule.l7.spec.Condition.Source::new);
            case "dst" -> addresses(e).map(org.bascule.l7.spec.Condition.Destination::new);
            case "nbsrv" -> args.size() != 1 ? Optional.empty()
                    : ints(e, (op, v) -> new org.bascule.l7.spec.Condition.UsableServers(args.getFirst(), op, v));
            case "url" -> text(e, TextSample.Plain.URL);
            case "query" -> text(e, TextSample.Plain.QUERY);
            case "base" -> text(e, TextSample.Plain.BASE);
            case "pathq" -> text(e, TextSample.Plain.PATH_QUERY);
            case "req.ver", "req_ver" -> text(e, TextSample.Plain.VERSION);
            case "ssl_fc_sni" -> text(e, TextSample.Plain.SNI);
            case "req.body" -> text(e, TextSample.Plain.BODY);
            case "cook", "req.cook" -> args.size() != 1 ? Optional.empty() : text(e, new TextSample.Cookie(args.getFirst()));
            case "url_param", "urlp" -> args.size() != 1 ? Optional.empty() : text(e, new TextSample.UrlParam(args.getFirst()));
            case "req.body_param" -> args.size() != 1 ? Optional.empty() : text(e, new TextSample.BodyParam(args.getFirst()));
            case "dst_port" -> number(e, NumberSample.Plain.DESTINATION_PORT);
            case "src_port" -> number(e, NumberSample.Plain.SOURCE_PORT);
            case "req.body_len" -> number(e, NumberSample.Plain.BODY_LENGTH);
            case "req.body_size" -> number(e, NumberSample.Plain.BODY_SIZE);
            case "fe_conn" -> args.isEmpty() ? number(e, NumberSample.Plain.FRONTEND_CONNECTIONS) : Optional.empty();
            case "hdr_cnt", "req.hdr_cnt" -> args.size() > 1 ? Optional.empty() : number(e, new NumberSample.HeaderCount(e.fetch().arg(0, "")));
            case "be_conn" -> args.size() != 1 ? Optional.empty() : number(e, new NumberSample.BackendConnections(args.getFirst()));
            case "ssl_fc" -> flag(e, FlagSample.TLS);
            case "ssl_fc_has_sni" -> flag(e, FlagSample.TLS_HAS_SNI);
            case "http_first_req" -> flag(e, FlagSample.FIRST_REQUEST);
            default -> {
                int counter = counter(name, args);
                if (counter >= 0) {
                    yield ints(e, (op, v) -> new org.bascule.l7.spec.Condition.TrackedRequestRate(counter, op, v));
                }
                yield Optional.empty();
            }
        };
    }

    /** {@code src}/{@code dst} patterns: addresses and networks only. */
    private static Optional<List<IpRange>> addresses(AclExpression e) {
        List<IpRange> ranges = new ArrayList<>();
        for (AclPattern p : e.patterns()) {
            if (!(p instanceof AclPattern.IpPrefix ip)) {
                return Optional.empty();
            }
            ranges.add(IpRange.parse(ip.address() + "/" + ip.prefixLength()));
        }
        return ranges.isEmpty() ? Optional.empty() : Optional.of(ranges);
    }

    private static Optional<org.bascule.l7.spec.Condition> text(AclExpression e, TextSample sample) {
        return stringMatch(e).map(m -> new org.bascule.l7.spec.Condition.Text(sample, m));
    }

    private static Optional<org.bascule.l7.spec.Condition> number(AclExpression e, NumberSample sample) {
        return ints(e, (op, v) -> new org.bascule.l7.spec.Condition.Number(sample, op, v));
    }

    /** A boolean fetch written alone ({@code acl secure ssl_fc}): true when the sample is. */
    private static Optional<org.bascule.l7.spec.Condition> flag(AclExpression e, FlagSample sample) {
        return e.method() == org.bascule.config.haproxy.MatchMethod.BOOL && e.patterns().isEmpty()
                ? Optional.of(new org.bascule.l7.spec.Condition.Flag(sample)) : Optional.empty();
    }

    /** The stick counter of {@code sc_http_req_rate(N)} or {@code scN_http_req_rate}, -1 for anything else (or another table). */
    private static int counter(String name, List<String> args) {
        if (name.equals("sc_http_req_rate") && args.size() == 1) {
            return Integer.parseInt(args.getFirst());
        }
        if (name.matches("sc[0-2]_http_req_rate") && args.isEmpty()) {
            return name.charAt(2) - '0';
        }
        return -1;
    }

    private interface IntTest {
        org.bascule.l7.spec.Condition of(IntOp op, long value);
    }

    /** Integer patterns as comparisons: each pattern is a range, any of them may match. */
    private static Optional<org.bascule.l7.spec.Condition> ints(AclExpression e, IntTest test) {
        if (e.method() != org.bascule.config.haproxy.MatchMethod.INT || e.patterns().isEmpty()) {
            return Optional.empty();
        }
        List<org.bascule.l7.spec.Condition> any = new ArrayList<>();
        for (AclPattern p : e.patterns()) {
            if (!(p instanceof AclPattern.IntRange r)) {
                return Optional.empty();
            }
            if (r.min() == Long.MIN_VALUE && r.max() == Long.MAX_VALUE) {
                any.add(new org.bascule.l7.spec.Condition.Always(true));
            } else if (r.min() == Long.MIN_VALUE) {
                any.add(test.of(IntOp.LE, r.max()));
            } else if (r.max() == Long.MAX_VALUE) {
                any.add(test.of(IntOp.GE, r.min()));
            } else if (r.min() == r.max()) {
                any.add(test.of(IntOp.EQ, r.min()));
            } else {
                any.add(new org.bascule.l7.spec.Condition.All(List.of(test.of(IntOp.GE, r.min()), test.of(IntOp.LE, r.max()))));
            }
        }
        return Optional.of(any.size() == 1 ? any.getFirst() : new org.bascule.l7.spec.Condition.Any(any));
    }

    private static List<String> texts(AclExpression e) {
        return e.patterns().stream().map(p -> p instanceof AclPattern.Text t ? t.value() : p.toString()).toList();
    }

    private static Optional<StringMatch> stringMatch(AclExpression e) {
        MatchMethod method = switch (e.method()) {
            case STR -> MatchMethod.EXACT;
            case BEG -> MatchMethod.BEGIN;
            case END -> MatchMethod.END;
            case SUB -> MatchMethod.SUB;
            case DIR -> MatchMethod.DIR;
            case DOM -> MatchMethod.DOM;
            case REG -> MatchMethod.REGEX;
            case FOUND -> MatchMethod.FOUND;
            default -> null;
        };
        if (method == null || (e.patterns().isEmpty() && method != MatchMethod.FOUND)) {
            return Optional.empty();
        }
        return Optional.of(new StringMatch(method, texts(e), e.ignoreCase()));
    }

    /**
     * http-request rules the tier runs; the others are reported and left out. {@code tarpit} is the
     * proxy's {@code timeout tarpit}, else its {@code timeout connect} (configuration.txt,
     * "timeout tarpit"): how long {@code http-request tarpit} holds a request before its 500.
     */
    List<HttpRequestRule> requestRules(List<HttpRule> rules, Optional<java.time.Duration> tarpit) {
        List<HttpRequestRule> out = new ArrayList<>();
        for (HttpRule r : rules) {
            Optional<HttpRequestRule> m = guarded(r.pos(), "http-request", () -> switch (r) {
                case HttpRule.SetHeader s -> Optional.of(new HttpRequestRule.SetHeader(s.name(), new LogFormat(s.value()), condition(s.condition())));
                case HttpRule.AddHeader s -> Optional.of(new HttpRequestRule.AddHeader(s.name(), new LogFormat(s.value()), condition(s.condition())));
                case HttpRule.DelHeader s -> s.method() == org.bascule.config.haproxy.MatchMethod.STR
                        ? Optional.of(new HttpRequestRule.DelHeader(s.name(), condition(s.condition()))) : Optional.empty();
                case HttpRule.Deny d -> Optional.of(new HttpRequestRule.Deny(d.status(), condition(d.condition())));
                case HttpRule.Redirect d -> Optional.of(new HttpRequestRule.Redirect(
                        HttpRequestRule.RedirectKind.valueOf(d.type().name()), d.target(), d.code(), condition(d.condition())));
                case HttpRule.TrackSc t -> t.key().name().equals("src") && t.key().args().isEmpty() && t.key().converters().isEmpty()
                        ? Optional.of(new HttpRequestRule.TrackSource(t.counter(), t.table(), condition(t.condition()))) : Optional.empty();
                case HttpRule.Allow a -> Optional.empty();
                case HttpRule.WaitForBody w -> Optional.of(new HttpRequestRule.WaitForBody(w.time(), w.atLeast().orElse(0),
                        condition(w.condition())));
                case HttpRule.Other o -> o.action().equals("tarpit") && o.args().isEmpty() && tarpit.isPresent()
                        ? Optional.of(new HttpRequestRule.Tarpit(tarpit.get(), condition(o.condition()))) : Optional.empty();
            });
            m.ifPresent(out::add);
        }
        return out;
    }

    /** http-response rules the tier runs; the others are reported and left out. */
    List<HttpResponseRule> responseRules(List<HttpRule> rules) {
        List<HttpResponseRule> out = new ArrayList<>();
        for (HttpRule r : rules) {
            Optional<HttpResponseRule> m = guarded(r.pos(), "http-response", () -> switch (r) {
                case HttpRule.SetHeader s -> Optional.of(new HttpResponseRule.SetHeader(s.name(), new LogFormat(s.value()), condition(s.condition())));
                case HttpRule.AddHeader s -> Optional.of(new HttpResponseRule.AddHeader(s.name(), new LogFormat(s.value()), condition(s.condition())));
                case HttpRule.DelHeader s -> s.method() == org.bascule.config.haproxy.MatchMethod.STR
                        ? Optional.of(new HttpResponseRule.DelHeader(s.name(), condition(s.condition()))) : Optional.empty();
                default -> Optional.empty();
            });
            m.ifPresent(out::add);
        }
        return out;
    }

    private <T> Optional<T> guarded(SourcePos pos, String keyword, java.util.function.Supplier<Optional<T>> build) {
        try {
            Optional<T> r = build.get();
            if (r.isEmpty()) {
                warn(pos, keyword + " rule not supported by the L7 tier yet, left out", keyword,
                        "set-header, add-header, del-header, deny, redirect, track-sc0 src, tarpit with a timeout tarpit or connect, wait-for-body (requests); set-header, add-header, del-header (responses)");
            }
            return r;
        } catch (IllegalArgumentException e) {
            warn(pos, keyword + " rule not supported by the L7 tier yet, left out", keyword, e.getMessage());
            return Optional.empty();
        }
    }

}
