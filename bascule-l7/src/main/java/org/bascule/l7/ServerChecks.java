package org.bascule.l7;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bascule.health.AgentCheckSpec;
import org.bascule.health.BodyExpect;
import org.bascule.health.CheckSpec;
import org.bascule.health.CheckTiming;
import org.bascule.health.HttpCheckSpec;
import org.bascule.health.RiseFall;
import org.bascule.health.StatusCodes;
import org.bascule.health.TcpCheckSpec;
import org.bascule.health.UrlSpec;
import org.bascule.health.http.HttpVersion;
import org.bascule.l7.proxyproto.ProxyHeader;
import org.bascule.l7.proxyproto.ProxyHeaderCodec;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.HealthCheckSpec;
import org.bascule.l7.spec.HttpCheckExpect;
import org.bascule.l7.spec.ServerSpec;

/**
 * The bascule-health checks of an L7 server, as HAProxy 2.6 runs them: {@code check} is a TCP
 * connect, or with {@code option httpchk} an HTTP request; {@code agent-check} polls the agent.
 * Both use HAProxy's {@code rise}/{@code fall} (a server starts UP and falls after {@code fall}
 * failures, a DOWN one needs {@code rise} passes), every {@code inter} ({@code agent-inter}); the
 * regular check every {@code fastinter} while transitioning and {@code downinter} while DOWN.
 * {@code http-check expect [!] status|rstatus|string|rstring} all run ({@code string} and
 * {@code rstring} on the body's first 16 KiB, HAProxy's default {@code tune.bufsize}).
 * The timeout is {@code timeout check}, else {@code timeout connect}, else {@code inter}.
 */
final class ServerChecks {

    /** HAProxy's {@code option httpchk} without {@code http-check expect}: any 2xx or 3xx passes. */
    static final StatusCodes HTTPCHK_DEFAULT = new StatusCodes(List.of(new StatusCodes.Range(200, 399)));

    private ServerChecks() {
    }

    /** The regular check of a server with {@code check}. */
    static CheckSpec regular(BackendSpec b, ServerSpec s) {
        InetSocketAddress to = s.checkPort().map(p -> new InetSocketAddress(s.address().getAddress(), p)).orElse(s.address());
        Duration timeout = timeout(b, s.inter());
        CheckTiming timing = timing(s.inter(), s).withRiseFall(new RiseFall(s.rise(), s.fall(), s.fastinter(), s.downinter()));
        return switch (b.healthCheck()) {
            case HealthCheckSpec.TcpConnect t -> new TcpCheckSpec(to, Optional.empty(), timeout, timing);
            case HealthCheckSpec.Http h -> {
                Optional<String> host = h.headers().stream().filter(x -> x.name().equalsIgnoreCase("host"))
                        .map(HealthCheckSpec.Header::value).findFirst();
                UrlSpec url = new UrlSpec(h.uri(), Optional.empty(), statusCodes(h.expects()), host, h.method(), body(h.expects()));
                HttpVersion version = "HTTP/1.1".equals(h.version()) ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
                yield new HttpCheckSpec(to, Optional.empty(), timeout, timing, false, false, version, List.of(url), proxyHeader(s));
            }
        };
    }

    /**
     * HAProxy sends a PROXY header on the checks of a {@code send-proxy}/{@code send-proxy-v2}
     * server unless a check {@code port} is given ({@code check-send-proxy} in the configuration
     * manual): v1 {@code PROXY UNKNOWN}, v2 {@code LOCAL}, since a check carries no client.
     */
    static String proxyHeader(ServerSpec s) {
        if (s.checkPort().isPresent()) {
            return "";
        }
        byte[] h = switch (s.sendProxy()) {
            case NONE -> new byte[0];
            case V1 -> ProxyHeaderCodec.encodeV1(new ProxyHeader.Local());
            case V2 -> ProxyHeaderCodec.encodeV2(new ProxyHeader.Local());
        };
        return new String(h, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The agent check of a server with {@code agent-check agent-port P}: at {@code agent-addr}, else the server's address. */
    static AgentCheckSpec agent(BackendSpec b, ServerSpec s, org.bascule.l7.spec.AgentCheckSpec a) {
        InetSocketAddress to = new InetSocketAddress(a.address().orElse(s.address().getAddress()), a.port());
        return new AgentCheckSpec(to, Optional.empty(), timeout(b, a.inter()), a.send(), timing(a.inter(), s));
    }

    private static CheckTiming timing(Duration inter, ServerSpec s) {
        // HAProxy spreads the first checks over one interval (spread-checks aside), as warmup does
        return new CheckTiming(inter, 0, inter, false, inter, Optional.of(new RiseFall(s.rise(), s.fall())));
    }

    private static Duration timeout(BackendSpec b, Duration inter) {
        return b.timeouts().check().or(() -> b.timeouts().connect()).orElse(inter);
    }

    /** Any status: an {@code http-check expect string|rstring} looks at the body only, whatever the status. */
    static final StatusCodes ANY_STATUS = new StatusCodes(List.of(new StatusCodes.Range(StatusCodes.MIN, StatusCodes.MAX)));

    /** What the body must hold under {@code http-check expect [!] string|rstring} (every such rule); nothing otherwise. */
    static Optional<BodyExpect> body(List<HttpCheckExpect> expects) {
        List<BodyExpect> each = new ArrayList<>(2);
        for (HttpCheckExpect e : expects) {
            switch (e) {
                case HttpCheckExpect.BodyContains c -> each.add(new BodyExpect.Contains(c.text(), c.negate()));
                case HttpCheckExpect.BodyRegex r -> each.add(new BodyExpect.Matches(Pattern.compile(r.regex()), r.negate()));
                case HttpCheckExpect.Status st -> { }
                case HttpCheckExpect.StatusRegex st -> { }
            }
        }
        return switch (each.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(each.getFirst());
            default -> Optional.of(new BodyExpect.All(each));
        };
    }

    /**
     * The statuses the {@code http-check expect} rules accept together. {@code status} lists and
     * {@code rstatus} regexes (HAProxy matches them against the three-digit code) become the set of
     * codes 100-599 that every one of them accepts, negation included, so bascule-health's checker
     * needs no regex. Rules on the body alone accept any status, as in HAProxy (they replace the
     * default 2xx/3xx test).
     *
     * @throws IllegalArgumentException for a set without any code
     */
    static StatusCodes statusCodes(List<HttpCheckExpect> expects) {
        if (expects.isEmpty()) {
            return HTTPCHK_DEFAULT;
        }
        List<java.util.function.IntPredicate> tests = new ArrayList<>(2);
        for (HttpCheckExpect e : expects) {
            java.util.function.IntPredicate accepts = switch (e) {
                case HttpCheckExpect.Status st -> StatusCodes.parse(List.of(st.codes().split(",")))::accepts;
                case HttpCheckExpect.StatusRegex r -> {
                    Pattern p = Pattern.compile(r.regex());
                    yield code -> p.matcher(Integer.toString(code)).find();
                }
                case HttpCheckExpect.BodyContains c -> null;
                case HttpCheckExpect.BodyRegex c -> null;
            };
            if (accepts != null) {
                tests.add(e.negate() ? accepts.negate() : accepts);
            }
        }
        if (tests.isEmpty()) {
            return ANY_STATUS;
        }
        List<StatusCodes.Range> ranges = new ArrayList<>();
        int from = -1;
        for (int code = StatusCodes.MIN; code <= StatusCodes.MAX + 1; code++) {
            final int c = code;
            boolean in = code <= StatusCodes.MAX && tests.stream().allMatch(t -> t.test(c));
            if (in && from < 0) {
                from = code;
            } else if (!in && from >= 0) {
                ranges.add(new StatusCodes.Range(from, code - 1));
                from = -1;
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("http-check expect: " + expects + " accept no status 100-599 together");
        }
        return new StatusCodes(ranges);
    }
}
