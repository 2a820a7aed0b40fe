package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.bascule.config.SourcePos;
import org.bascule.config.Suggestions;

/**
 * The {@code virtual_server IP [PORT] | fwmark N | group NAME { … }} block (keepalived.conf(5),
 * "Virtual server(s)"; check_parser.c init_check_keywords, keepalived 2.2.7). What keepalived
 * does once the whole file is read is in {@link VirtualServerResolver}.
 */
final class VirtualServerSection {

    private VirtualServerSection() {
    }

    /** IPVS schedulers keepalived accepts (check_parser.c lvs_schedulers, plus twos documented by keepalived.conf(5)). */
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");

    static final class Builder implements Attempted {
        final SourcePos pos;
        final Stanza stanza;
        final Optional<VirtualServerAddress> address;
        Optional<String> scheduler = Optional.empty();
        final Set<String> attempted = new java.util.HashSet<>();
        final List<Token> flagWords = new ArrayList<>();
        Optional<Forwarding> forwarding = Optional.empty();
        Optional<Protocol> protocol = Optional.empty();
        Token protocolToken;
        Optional<Duration> persistenceTimeout = Optional.empty();
        Optional<String> granularity = Optional.empty();
        Optional<String> engine = Optional.empty();
        long quorum = 1;
        long hysteresis;
        Optional<NotifyScript> quorumUp = Optional.empty();
        Optional<NotifyScript> quorumDown = Optional.empty();
        Duration delayLoop = CheckDefaults.DEFAULT_DELAY_LOOP;
        Duration connectTimeout = CheckDefaults.DEFAULT_CONNECT_TIMEOUT;
        OptionalInt retry = OptionalInt.empty();
        Optional<Duration> delayBeforeRetry = Optional.empty();
        Optional<Duration> warmup = Optional.empty();
        boolean alpha;
        boolean omega;
        boolean haSuspend;
        Token haSuspendToken;
        boolean inhibit;
        Optional<Boolean> smtpAlert = Optional.empty();
        Optional<String> virtualhost = Optional.empty();
        Optional<IpFamily> ipFamily = Optional.empty();
        long weight = 1;
        Optional<Stanza> sorryServer = Optional.empty();
        boolean sorryInhibit;
        Optional<Forwarding> sorryForwarding = Optional.empty();
        final List<RealServerSection.Builder> realServers = new ArrayList<>();
        Optional<String> snmpName = Optional.empty();

        Builder(Stanza stanza, Optional<VirtualServerAddress> address) {
            this.pos = stanza.pos();
            this.stanza = stanza;
            this.address = address;
        }

        @Override
        public Set<String> attempted() {
            return attempted;
        }

        boolean wrote(String... keywords) {
            for (String k : keywords) {
                if (attempted.contains(k)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Reads {@code virtual_server}'s own words: {@code IP [PORT]}, {@code fwmark N} or {@code group NAME}. */
    static Optional<VirtualServerAddress> address(ParseContext ctx, Stanza s) {
        String expected = "virtual_server IP [PORT], virtual_server fwmark N or virtual_server group NAME";
        Token first = s.arg(0);
        switch (first.text()) {
            case "group" -> {
                if (s.args().size() != 2) {
                    ctx.error(first, "missing group name after", expected);
                    return Optional.empty();
                }
                return Optional.of(new VirtualServerAddress.Group(s.arg(1).text()));
            }
            case "fwmark" -> {
                if (s.args().size() != 2) {
                    ctx.error(first, "missing mark after", expected);
                    return Optional.empty();
                }
                return Values.integer(ctx, s.arg(1), "fwmark", 1, 0xFFFF_FFFFL).stream()
                        .<VirtualServerAddress>mapToObj(VirtualServerAddress.Fwmark::new).findFirst();
            }
            default -> {
                Optional<InetAddress> ip = Addresses.read(ctx, first, "virtual server address");
                OptionalLong port = s.args().size() == 2 ? Values.port(ctx, s.arg(1), "port", true) : OptionalLong.of(0);
                if (ip.isEmpty() || port.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new VirtualServerAddress.Endpoint(ip.get(), (int) port.getAsLong()));
            }
        }
    }

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("virtual_server", keywords());

    private static List<Keyword<Builder>> keywords() {
        Keyword<Builder> lbAlgo = Keyword.line("lb_algo", 1, 1, "lb_algo " + String.join("|", SCHEDULERS), "IPVS scheduler (default wlc)",
                VirtualServerSection::scheduler);
        Keyword<Builder> lbKind = Keyword.line("lb_kind", 1, 6, "lb_kind " + ForwardingParser.USAGE, "forwarding method (default NAT)",
                (ctx, v, s) -> ForwardingParser.parse(ctx, s).ifPresent(f -> v.forwarding = Optional.of(f)));
        List<Keyword<Builder>> list = new ArrayList<>(List.of(
                lbAlgo, lbAlgo.alias("lvs_sched"), lbKind, lbKind.alias("lvs_method"),
                Keyword.line("protocol", 1, 1, "protocol TCP|UDP|SCTP", "L4 protocol (keepalived uses UDP when unset)", (ctx, v, s) -> {
                    v.protocolToken = s.arg(0);
                    switch (s.arg(0).text().toUpperCase(java.util.Locale.ROOT)) {
                        case "TCP" -> v.protocol = Optional.of(Protocol.TCP);
                        case "UDP" -> v.protocol = Optional.of(Protocol.UDP);
                        case "SCTP" -> v.protocol = Optional.of(Protocol.SCTP);
                        default -> ctx.error(s.arg(0), "unknown protocol", "TCP, UDP or SCTP");
                    }
                }),
                Keyword.line("persistence_timeout", 0, 1, "persistence_timeout [SECONDS]", "client persistence (no value: 360)", (ctx, v, s) -> {
                    if (s.args().isEmpty()) {
                        v.persistenceTimeout = Optional.of(Persistence.DEFAULT_TIMEOUT);
                    } else {
                        // LVS_MAX_TIMEOUT: 31 days.
                        Values.integer(ctx, s.arg(0), "persistence_timeout", 1, 86400L * 31)
                                .ifPresent(t -> v.persistenceTimeout = Optional.of(Duration.ofSeconds(t)));
                    }
                }),
                Keyword.line("persistence_granularity", 1, 1, "persistence_granularity NETMASK|PREFIXLEN", "client grouping of persistence",
                        VirtualServerSection::granularity),
                Keyword.line("persistence_engine", 1, 1, "persistence_engine NAME", "persistence engine (sip)",
                        (ctx, v, s) -> v.engine = Optional.of(s.arg(0).text())),
                Keyword.line("quorum", 1, 1, "quorum WEIGHT", "minimum live weight (default 1)",
                        (ctx, v, s) -> Values.integer(ctx, s.arg(0), "quorum", 1, 0xFFFF_FFFFL).ifPresent(q -> v.quorum = q)),
                Keyword.line("hysteresis", 1, 1, "hysteresis WEIGHT", "quorum flap damper (default 0)",
                        (ctx, v, s) -> Values.integer(ctx, s.arg(0), "hysteresis", 0, 0xFFFF_FFFFL).ifPresent(h -> v.hysteresis = h)),
                Keyword.line("quorum_up", 1, 3, Scripts.usage("quorum_up"), "run when the quorum is gained", (ctx, v, s) -> {
                    if (Scripts.once(ctx, s, v.quorumUp)) {
                        v.quorumUp = Optional.of(Scripts.notify(s));
                    }
                }),
                Keyword.line("quorum_down", 1, 3, Scripts.usage("quorum_down"), "run when the quorum is lost", (ctx, v, s) -> {
                    if (Scripts.once(ctx, s, v.quorumDown)) {
                        v.quorumDown = Optional.of(Scripts.notify(s));
                    }
                }),
                Keyword.line("delay_loop", 1, 1, "delay_loop SECONDS", "checker interval (default 60)",
                        (ctx, v, s) -> Values.timer(ctx, s.arg(0), "delay_loop", CheckerSections.ONE_MICRO, CheckerSections.MAX_DELAY)
                                .ifPresent(t -> v.delayLoop = t)),
                Keyword.line("connect_timeout", 1, 1, "connect_timeout SECONDS", "checker connection timeout (default 5)",
                        (ctx, v, s) -> Values.timer(ctx, s.arg(0), "connect_timeout", CheckerSections.ONE_MICRO, CheckerSections.MAX_TIMEOUT)
                                .ifPresent(t -> v.connectTimeout = t)),
                Keyword.line("retry", 1, 1, "retry COUNT", "checker retries (default: per checker)",
                        (ctx, v, s) -> Values.integer(ctx, s.arg(0), "retry", 1, 0xFFFF_FFFFL)
                                .ifPresent(r -> v.retry = OptionalInt.of((int) Math.min(r, Integer.MAX_VALUE)))),
                Keyword.line("delay_before_retry", 1, 1, "delay_before_retry SECONDS", "checker retry delay (default: per checker)",
                        (ctx, v, s) -> Values.timer(ctx, s.arg(0), "delay_before_retry", Duration.ZERO, CheckerSections.MAX_DELAY)
                                .ifPresent(t -> v.delayBeforeRetry = Optional.of(t))),
                Keyword.line("warmup", 1, 1, "warmup SECONDS", "random delay before the first check (default: delay_loop)",
                        (ctx, v, s) -> Values.timer(ctx, s.arg(0), "warmup", Duration.ZERO, CheckerSections.MAX_DELAY).ifPresent(t -> v.warmup = Optional.of(t))),
                Keyword.flag("alpha", "servers start DOWN until a check succeeds", (ctx, v, s) -> v.alpha = true),
                Keyword.flag("omega", "run quorum_down and notify_down on shutdown", (ctx, v, s) -> v.omega = true),
                Keyword.flag("ha_suspend", "suspend checks while the VIP is absent", (ctx, v, s) -> {
                    v.haSuspend = true;
                    v.haSuspendToken = s.keyword();
                }),
                Keyword.flag("inhibit_on_failure", "weight 0 instead of removal on failure", (ctx, v, s) -> v.inhibit = true),
                Keyword.bool("smtp_alert", "SMTP alerts on quorum changes", (ctx, v, s) -> v.smtpAlert = Values.flag(ctx, s).or(() -> v.smtpAlert)),
                Keyword.line("virtualhost", 1, 1, "virtualhost HOST", "default Host header of HTTP_GET/SSL_GET",
                        (ctx, v, s) -> v.virtualhost = Optional.of(s.arg(0).text())),
                Keyword.line("snmp_name", 1, 1, "snmp_name STRING", "name in SNMP data", (ctx, v, s) -> v.snmpName = Optional.of(s.arg(0).text())),
                Keyword.line("ip_family", 1, 1, "ip_family inet|inet6", "family of a fwmark service", (ctx, v, s) -> {
                    switch (s.arg(0).text()) {
                        case "inet" -> v.ipFamily = Optional.of(IpFamily.INET);
                        case "inet6" -> v.ipFamily = Optional.of(IpFamily.INET6);
                        default -> ctx.error(s.arg(0), "unknown address family", "inet or inet6");
                    }
                }),
                Keyword.line("weight", 1, 1, "weight <1-2147483647>", "default weight of the real servers (default 1)",
                        (ctx, v, s) -> Values.integer(ctx, s.arg(0), "weight", 1, Integer.MAX_VALUE).ifPresent(w -> v.weight = w)),
                Keyword.line("sorry_server", 1, 2, "sorry_server IP [PORT]", "server used when the quorum is lost", (ctx, v, s) -> {
                    boolean ok = Addresses.read(ctx, s.arg(0), "sorry_server address").isPresent();
                    ok &= s.args().size() < 2 || Values.port(ctx, s.arg(1), "sorry_server port", true).isPresent();
                    if (ok) {
                        v.sorryServer = Optional.of(s);
                    }
                }),
                Keyword.flag("sorry_server_inhibit", "inhibit_on_failure for the sorry server", (ctx, v, s) -> v.sorryInhibit = true),
                Keyword.line("sorry_server_lvs_method", 1, 6, "sorry_server_lvs_method " + ForwardingParser.USAGE, "sorry server forwarding",
                        (ctx, v, s) -> ForwardingParser.parse(ctx, s).ifPresent(f -> v.sorryForwarding = Optional.of(f))),
                Keyword.block("real_server", 1, 2, "real_server IP [PORT]", "a server of the pool", VirtualServerSection::realServer)));
        for (String flag : List.of("ops", "hashed", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback")) {
            list.add(Keyword.flag(flag, "IPVS scheduler flag (ipvsadm -b " + flag + ")", (ctx, v, s) -> v.flagWords.add(s.keyword())));
        }
        return list;
    }

    private static void scheduler(ParseContext ctx, Builder v, Stanza s) {
        String name = s.arg(0).text();
        if (SCHEDULERS.contains(name)) {
            v.scheduler = Optional.of(name);
            return;
        }
        // check_parser.c: "Invalid lvs_scheduler '%s' - ignoring".
        ctx.error(s.arg(0), "unknown scheduler", "one of " + String.join(", ", SCHEDULERS)
                + Suggestions.closest(name, SCHEDULERS).map(x -> "; did you mean '" + x + "'?").orElse(""));
    }

    private static void granularity(ParseContext ctx, Builder v, Stanza s) {
        String text = s.arg(0).text();
        // check_parser.c pgr_handler: an IPv4 netmask, or an IPv6 prefix length 1..128.
        boolean ok = text.contains(".") ? Addresses.parse(text).filter(a -> a instanceof java.net.Inet4Address).isPresent()
                : text.matches("\\d{1,3}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 128;
        if (ok) {
            v.granularity = Optional.of(text);
        } else {
            ctx.error(s.arg(0), "invalid persistence_granularity", "an IPv4 netmask like 255.255.255.0 or an IPv6 prefix length 1..128");
        }
    }

    private static void realServer(ParseContext ctx, Builder v, Stanza s) {
        Optional<InetAddress> address = Addresses.read(ctx, s.arg(0), "real_server address");
        OptionalInt port = OptionalInt.empty();
        if (s.args().size() == 2) {
            OptionalLong p = Values.port(ctx, s.arg(1), "real_server port", true);
            if (p.isEmpty()) {
                address = Optional.empty();
            } else if (p.getAsLong() != 0) {
                port = OptionalInt.of((int) p.getAsLong());
            }
        }
        RealServerSection.Builder rs = new RealServerSection.Builder(s.pos(), address, port);
        RealServerSection.TABLE.applyAll(ctx, rs, s.children());
        v.realServers.add(rs);
    }
}
