package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.bascule.config.Suggestions;

/**
 * The keyword tables of the checker blocks (keepalived.conf(5), "healthcheckers"; keepalived
 * 2.2.7's check_api.c, check_tcp.c, check_http.c, check_misc.c, check_smtp.c, check_dns.c,
 * check_ping.c, check_udp.c, check_file.c, check_bfd.c). Every checker has the timing
 * keywords; all but MISC_CHECK, FILE_CHECK and BFD_CHECK have the connection keywords.
 */
final class CheckerSections {

    private CheckerSections() {
    }

    /** read_timer's ceiling for timeouts: UINT_MAX microseconds. */
    static final Duration MAX_TIMEOUT = Duration.ofNanos(0xFFFF_FFFFL * 1000);
    /** A practical ceiling for delays (keepalived has none): one year. */
    static final Duration MAX_DELAY = Duration.ofDays(365);
    /** The smallest timer keepalived accepts where it must be positive: one microsecond. */
    static final Duration ONE_MICRO = Duration.ofNanos(1000);

    /** connect_ip … fwmark: where the checker connects. */
    static List<Keyword<CheckerBuilder>> connectionKeywords() {
        return List.of(
                Keyword.line("connect_ip", 1, 1, "connect_ip IP", "address to check (default: the real server's)",
                        (ctx, c, s) -> Addresses.read(ctx, s.arg(0), "connect_ip").ifPresent(a -> c.connectIp = Optional.of(a))),
                Keyword.line("connect_port", 1, 1, "connect_port <1-65535>", "port to check (default: the real server's)",
                        (ctx, c, s) -> Values.port(ctx, s.arg(0), "connect_port", false).ifPresent(p -> c.connectPort = OptionalInt.of((int) p))),
                Keyword.line("bindto", 1, 1, "bindto IP", "source address of the check",
                        (ctx, c, s) -> Addresses.read(ctx, s.arg(0), "bindto").ifPresent(a -> c.bindTo = Optional.of(a))),
                Keyword.line("bind_port", 1, 1, "bind_port <1-65535>", "source port of the check",
                        (ctx, c, s) -> Values.port(ctx, s.arg(0), "bind_port", false).ifPresent(p -> c.bindPort = OptionalInt.of((int) p))),
                Keyword.line("bind_if", 1, 1, "bind_if IFNAME", "interface for a link-local bindto", (ctx, c, s) -> {
                    if (s.arg(0).text().length() > VrrpInstanceSection.MAX_IFNAME) {
                        ctx.error(s.arg(0), "interface name too long", "at most " + VrrpInstanceSection.MAX_IFNAME + " characters");
                    } else {
                        c.bindIf = Optional.of(s.arg(0).text());
                    }
                }),
                Keyword.line("connect_timeout", 1, 1, "connect_timeout SECONDS", "connection timeout (default: the real server's, 5)",
                        (ctx, c, s) -> Values.timer(ctx, s.arg(0), "connect_timeout", ONE_MICRO, MAX_TIMEOUT)
                                .ifPresent(t -> c.connectTimeout = Optional.of(t))),
                Keyword.line("fwmark", 1, 1, "fwmark <0-4294967295>", "mark put on the checker's packets",
                        (ctx, c, s) -> Values.integer(ctx, s.arg(0), "fwmark", 0, 0xFFFF_FFFFL).ifPresent(m -> c.fwmark = OptionalLong.of(m))));
    }

    /** retry … log_all_failures: when the checker runs. */
    static List<Keyword<CheckerBuilder>> timingKeywords() {
        return List.of(
                Keyword.line("retry", 1, 1, "retry COUNT", "retries before DOWN (default 1; MISC_CHECK 0, DNS_CHECK 3)",
                        (ctx, c, s) -> Values.integer(ctx, s.arg(0), "retry", 0, Integer.MAX_VALUE).ifPresent(r -> c.retry = OptionalInt.of((int) r))),
                Keyword.line("delay_before_retry", 1, 1, "delay_before_retry SECONDS", "delay between retries (default 1; HTTP 3)",
                        (ctx, c, s) -> Values.timer(ctx, s.arg(0), "delay_before_retry", Duration.ZERO, MAX_DELAY)
                                .ifPresent(t -> c.delayBeforeRetry = Optional.of(t))),
                Keyword.line("warmup", 1, 1, "warmup SECONDS", "random delay before the first check (default: delay_loop)",
                        (ctx, c, s) -> Values.timer(ctx, s.arg(0), "warmup", Duration.ZERO, MAX_DELAY).ifPresent(t -> c.warmup = Optional.of(t))),
                Keyword.line("delay_loop", 1, 1, "delay_loop SECONDS", "interval between checks (default: the real server's, 60)",
                        (ctx, c, s) -> Values.timer(ctx, s.arg(0), "delay_loop", ONE_MICRO, MAX_DELAY).ifPresent(t -> c.delayLoop = Optional.of(t))),
                alpha(),
                Keyword.bool("log_all_failures", "log every failed check",
                        (ctx, c, s) -> Values.flag(ctx, s).ifPresent(v -> c.logAllFailures = v)));
    }

    private static Keyword<CheckerBuilder> alpha() {
        return Keyword.bool("alpha", "start DOWN until a check succeeds (default: the real server's)",
                (ctx, c, s) -> c.alpha = Values.flag(ctx, s).or(() -> c.alpha));
    }

    private static List<Keyword<CheckerBuilder>> concat(List<Keyword<CheckerBuilder>> first, List<Keyword<CheckerBuilder>> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static List<Keyword<CheckerBuilder>> standard(List<Keyword<CheckerBuilder>> own) {
        return Stream.of(connectionKeywords(), timingKeywords(), own).flatMap(List::stream).toList();
    }

    // ---------------------------------------------------------------- url (HTTP_GET, SSL_GET)

    private static final Set<String> REGEX_OPTIONS = Set.of("allow_empty_class", "alt_bsux", "auto_callout", "caseless",
            "dollar_endonly", "dotall", "dupnames", "extended", "firstline", "match_unset_backref", "multiline", "never_ucp",
            "never_utf", "no_auto_capture", "no_auto_possess", "no_dotstar_anchor", "no_start_optimize", "ucp", "ungreedy", "utf",
            "never_backslash_c", "alt_circumflex", "alt_verbnames", "use_offset_limit");

    static final KeywordTable<UrlBuilder> URL = new KeywordTable<>("url", List.of(
            Keyword.line("path", 1, 1, "path /PATH", "the path to GET", (ctx, u, s) -> u.path = Optional.of(s.arg(0).text())),
            Keyword.line("digest", 1, 1, "digest MD5_HEX", "MD5 of the body (32 hex digits, from genhash)", CheckerSections::digest),
            Keyword.line("status_code", 1, Keyword.MANY, "status_code CODE|FROM-TO …", "accepted statuses, 100..599 (default 200-299)",
                    CheckerSections::statusCodes),
            Keyword.line("virtualhost", 1, 1, "virtualhost HOST", "Host header of this url",
                    (ctx, u, s) -> u.virtualhost = Optional.of(s.arg(0).text())),
            Keyword.line("regex", 1, 1, "regex \"PATTERN\"", "PCRE2 pattern the body must match", (ctx, u, s) -> u.regex = Optional.of(s.arg(0).text())),
            Keyword.flag("regex_no_match", "fail when the pattern matches", (ctx, u, s) -> u.regexNoMatch = true),
            Keyword.line("regex_options", 1, Keyword.MANY, "regex_options OPTION …", "PCRE2 options, e.g. caseless multiline", (ctx, u, s) -> {
                for (Token option : s.args()) {
                    if (REGEX_OPTIONS.contains(option.text())) {
                        u.regexOptions.add(option.text());
                    } else {
                        ctx.error(option, "unknown regex option", Suggestions.closest(option.text(), REGEX_OPTIONS)
                                .map(x -> "did you mean '" + x + "'?").orElse("a PCRE2 option of keepalived.conf(5), e.g. caseless"));
                    }
                }
            }),
            Keyword.line("regex_min_offset", 1, 1, "regex_min_offset OFFSET", "first offset searched",
                    (ctx, u, s) -> Values.integer(ctx, s.arg(0), "regex_min_offset", 0, Long.MAX_VALUE - 1).ifPresent(v -> u.regexMinOffset = OptionalLong.of(v))),
            Keyword.line("regex_max_offset", 1, 1, "regex_max_offset OFFSET", "last offset a match may start at",
                    (ctx, u, s) -> Values.integer(ctx, s.arg(0), "regex_max_offset", 0, Long.MAX_VALUE - 1).ifPresent(v -> u.regexMaxOffset = OptionalLong.of(v))),
            Keyword.line("regex_stack", 2, 2, "regex_stack START MAX", "PCRE2 JIT stack sizes", (ctx, u, s) -> {
                OptionalLong start = Values.integer(ctx, s.arg(0), "regex_stack start", 0, Long.MAX_VALUE);
                OptionalLong max = Values.integer(ctx, s.arg(1), "regex_stack max", 0, Long.MAX_VALUE);
                if (start.isPresent() && max.isPresent()) {
                    if (start.getAsLong() > max.getAsLong()) {
                        ctx.error(s.arg(0), "regex_stack start above max", "START <= MAX");
                    } else {
                        u.regexStackStart = start;
                        u.regexStackMax = max;
                    }
                }
            })));

    private static void digest(ParseContext ctx, UrlBuilder u, Stanza s) {
        String digest = s.arg(0).text();
        if (!digest.matches("[0-9A-Fa-f]{32}")) {
            ctx.error(s.arg(0), "invalid digest", "32 hexadecimal digits (an MD5 sum, as genhash prints it)");
        } else if (u.digest.isPresent()) {
            ctx.error(s.arg(0), "duplicate digest", "one digest per url");
        } else {
            u.digest = Optional.of(digest.toLowerCase(Locale.ROOT));
        }
    }

    private static void statusCodes(ParseContext ctx, UrlBuilder u, Stanza s) {
        for (Token code : s.args()) {
            String text = code.text();
            int dash = text.indexOf('-');
            String from = dash < 0 ? text : text.substring(0, dash);
            String to = dash < 0 ? text : text.substring(dash + 1);
            if (from.matches("\\d{3}") && to.matches("\\d{3}")) {
                int low = Integer.parseInt(from);
                int high = Integer.parseInt(to);
                if (low >= StatusCodeRange.MIN && high <= StatusCodeRange.MAX && low <= high) {
                    u.statusCodes.add(new StatusCodeRange(low, high));
                    continue;
                }
            }
            ctx.error(code, "invalid status_code", "a status from 100 to 599 or a range like 200-299");
        }
    }

    // ---------------------------------------------------------------- the checker tables

    static final KeywordTable<CheckerBuilder> TCP_CHECK = new KeywordTable<>("TCP_CHECK", standard(List.of()));

    static final KeywordTable<CheckerBuilder> PING_CHECK = new KeywordTable<>("PING_CHECK", standard(List.of()));

    private static List<Keyword<CheckerBuilder>> httpKeywords(boolean ssl) {
        List<Keyword<CheckerBuilder>> own = new ArrayList<>(List.of(
                Keyword.line("nb_get_retry", 1, 1, "nb_get_retry COUNT", "deprecated synonym of retry", (ctx, c, s) -> {
                    // check_http.c: "nb_get_retry is deprecated - please use 'retry'".
                    ctx.warning(s.keyword(), "deprecated keyword", "retry COUNT");
                    Values.integer(ctx, s.arg(0), "nb_get_retry", 0, Integer.MAX_VALUE).ifPresent(r -> c.retry = OptionalInt.of((int) r));
                }),
                Keyword.line("virtualhost", 1, 1, "virtualhost HOST", "Host header (default: the real/virtual server's)",
                        (ctx, c, s) -> c.virtualhost = Optional.of(s.arg(0).text())),
                Keyword.line("http_protocol", 1, 1, "http_protocol 1.0|1.0C|1.1", "HTTP version (default 1.0)", (ctx, c, s) -> {
                    switch (s.arg(0).text()) {
                        case "1.0", "1.1" -> c.httpProtocol = s.arg(0).text();
                        case "1.0C", "1.0c" -> c.httpProtocol = "1.0C";
                        default -> ctx.error(s.arg(0), "invalid http_protocol", "1.0, 1.0C or 1.1");
                    }
                }),
                Keyword.bool("fast_recovery", "check all urls at once after a failure",
                        (ctx, c, s) -> Values.flag(ctx, s).ifPresent(v -> c.fastRecovery = v)),
                Keyword.block("url", 0, 0, "url { path /PATH; digest HEX; status_code 200; … }", "a url to GET (several allowed)",
                        (ctx, c, s) -> {
                            UrlBuilder url = new UrlBuilder(s.pos());
                            URL.applyAll(ctx, url, s.children());
                            c.urls.add(url);
                        })));
        // keepalived 2.2.7 registers enable_sni for both HTTP_GET and SSL_GET; it only matters with TLS.
        own.add(Keyword.bool("enable_sni", "send SNI in the TLS handshake", (ctx, c, s) -> {
            if (!ssl) {
                ctx.warning(s.keyword(), "keyword without effect in HTTP_GET", "enable_sni in SSL_GET, where TLS is used");
            }
            Values.flag(ctx, s).ifPresent(v -> c.enableSni = v);
        }));
        return standard(own);
    }

    static final KeywordTable<CheckerBuilder> HTTP_GET = new KeywordTable<>("HTTP_GET", httpKeywords(false));

    static final KeywordTable<CheckerBuilder> SSL_GET = new KeywordTable<>("SSL_GET", httpKeywords(true));

    static final KeywordTable<CheckerBuilder> MISC_CHECK = new KeywordTable<>("MISC_CHECK", concat(timingKeywords(), List.of(
            Keyword.line("misc_path", 1, Keyword.MANY, "misc_path SCRIPT [ARGS…]|\"SCRIPT ARGS\"", "the program to run",
                    (ctx, c, s) -> c.miscPath = Optional.of(s.joinArgs(0))),
            Keyword.line("misc_timeout", 1, 1, "misc_timeout SECONDS", "time allowed to the program (default: delay_loop)",
                    (ctx, c, s) -> Values.integer(ctx, s.arg(0), "misc_timeout", 0, 0xFFFF_FFFFL / 1_000_000L)
                            .ifPresent(t -> c.miscTimeout = Optional.of(Duration.ofSeconds(t)))),
            Keyword.flag("misc_dynamic", "exit status 2..255 sets the weight to status - 2", (ctx, c, s) -> c.miscDynamic = true),
            Keyword.line("user", 1, 2, "user USER [GROUP]", "who runs the program", (ctx, c, s) -> c.user = Scripts.user(s, 0)))));

    static final KeywordTable<CheckerBuilder> SMTP_HOST = new KeywordTable<>("host", connectionKeywords());

    static final KeywordTable<CheckerBuilder> SMTP_CHECK = new KeywordTable<>("SMTP_CHECK", standard(List.of(
            Keyword.line("helo_name", 1, 1, "helo_name NAME", "name sent in HELO (default smtpchecker.keepalived.org)",
                    (ctx, c, s) -> c.heloName = s.arg(0).text()),
            Keyword.block("host", 0, 0, "host { connect_ip IP; connect_port PORT; … }", "deprecated: one more host to check", (ctx, c, s) -> {
                // check_smtp.c: "The SMTP_CHECK host block is deprecated. Please define additional checkers."
                ctx.warning(s.keyword(), "deprecated block", "one SMTP_CHECK per host (each host block becomes one)");
                CheckerBuilder host = new CheckerBuilder(CheckerKind.SMTP_CHECK, s.pos());
                SMTP_HOST.applyAll(ctx, host, s.children());
                c.hosts.add(host);
            }))));

    private static final Set<String> DNS_TYPES = Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA");

    static final KeywordTable<CheckerBuilder> DNS_CHECK = new KeywordTable<>("DNS_CHECK", standard(List.of(
            Keyword.line("type", 1, 1, "type A|NS|CNAME|SOA|MX|TXT|AAAA", "query type (default SOA)", (ctx, c, s) -> {
                String type = s.arg(0).text().toUpperCase(Locale.ROOT);
                if (DNS_TYPES.contains(type)) {
                    c.dnsType = type;
                } else {
                    ctx.error(s.arg(0), "unknown DNS_CHECK type", "A, NS, CNAME, SOA, MX, TXT or AAAA");
                }
            }),
            Keyword.line("name", 1, 1, "name DOMAIN", "queried name (default .)", (ctx, c, s) -> {
                String name = s.arg(0).text();
                // check_dns.c: a name with an empty label is refused.
                if ((name.startsWith(".") && name.length() > 1) || name.contains("..")) {
                    ctx.error(s.arg(0), "DNS name with an empty label", "a domain name like example.com or .");
                } else {
                    c.dnsName = Optional.of(name);
                }
            }))));

    static final KeywordTable<CheckerBuilder> UDP_CHECK = new KeywordTable<>("UDP_CHECK", standard(List.of(
            Keyword.line("payload", 1, Keyword.MANY, "payload HEX", "data sent (default: random)", (ctx, c, s) -> hex(ctx, c, s, false, (b, v) -> b.payload = Optional.of(v))),
            Keyword.line("require_reply", 0, Keyword.MANY, "require_reply [HEX]", "a reply is needed (matching HEX, X = any nibble)",
                    (ctx, c, s) -> {
                        c.requireReply = true;
                        if (!s.args().isEmpty()) {
                            hex(ctx, c, s, true, (b, v) -> b.replyPattern = Optional.of(v));
                        }
                    }),
            Keyword.line("min_reply_length", 1, 1, "min_reply_length BYTES", "shortest acceptable reply (default 0)",
                    (ctx, c, s) -> Values.integer(ctx, s.arg(0), "min_reply_length", 0, 65535).ifPresent(v -> c.minReplyLength = (int) v)),
            Keyword.line("max_reply_length", 1, 1, "max_reply_length BYTES", "longest acceptable reply (default 255)",
                    (ctx, c, s) -> Values.integer(ctx, s.arg(0), "max_reply_length", 0, 65535).ifPresent(v -> c.maxReplyLength = (int) v)))));

    /**
     * check_udp.c: "quite free format" hex, blanks allowed between digits; X/x (any nibble) only
     * in require_reply.
     */
    private static void hex(ParseContext ctx, CheckerBuilder c, Stanza s, boolean wildcards, BiConsumer<CheckerBuilder, String> set) {
        for (Token part : s.args()) {
            if (!part.text().matches(wildcards ? "[0-9A-Fa-fXx]+" : "[0-9A-Fa-f]+")) {
                ctx.error(part, "invalid hex data in " + s.name(), wildcards ? "hex digits, X for any nibble" : "hex digits");
                return;
            }
        }
        set.accept(c, s.joinArgs(0));
    }

    static final KeywordTable<CheckerBuilder> FILE_CHECK = new KeywordTable<>("FILE_CHECK", List.of(
            Keyword.line("track_file", 1, 1, "track_file TRACK_FILE", "the track_file followed", (ctx, c, s) -> c.trackFile = Optional.of(s.arg(0))),
            Keyword.flag("dynamic", "the file's value adjusts the weight", (ctx, c, s) -> c.fileDynamic = true),
            Keyword.line("weight", 1, 2, "weight <-2147483647..2147483647> [reverse]", "multiplier of the file's value", (ctx, c, s) -> {
                OptionalLong weight = Values.integer(ctx, s.arg(0), "weight", -Integer.MAX_VALUE, Integer.MAX_VALUE);
                if (s.args().size() == 2 && !s.arg(1).text().equals("reverse")) {
                    ctx.error(s.arg(1), "unexpected word after weight", "weight N [reverse]");
                } else if (weight.isPresent()) {
                    c.fileWeight = Optional.of(weight.getAsLong());
                    c.fileReverse = s.args().size() == 2;
                }
            })));

    static final KeywordTable<CheckerBuilder> BFD_CHECK = new KeywordTable<>("BFD_CHECK", List.of(
            Keyword.line("name", 1, 1, "name BFD_INSTANCE", "the bfd_instance followed", (ctx, c, s) -> c.bfdName = Optional.of(s.arg(0))),
            alpha()));

    /** The table of a checker kind. */
    static KeywordTable<CheckerBuilder> tableOf(CheckerKind kind) {
        return switch (kind) {
            case TCP_CHECK -> TCP_CHECK;
            case HTTP_GET -> HTTP_GET;
            case SSL_GET -> SSL_GET;
            case MISC_CHECK -> MISC_CHECK;
            case PING_CHECK -> PING_CHECK;
            case DNS_CHECK -> DNS_CHECK;
            case SMTP_CHECK -> SMTP_CHECK;
            case UDP_CHECK -> UDP_CHECK;
            case FILE_CHECK -> FILE_CHECK;
            case BFD_CHECK -> BFD_CHECK;
        };
    }
}
