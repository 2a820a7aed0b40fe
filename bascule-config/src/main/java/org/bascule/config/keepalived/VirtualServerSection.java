package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.bascule.config.SourcePos;

/**
 * The {@code virtual_server IP [PORT] | fwmark N | group NAME { … }} block (keepalived.conf(5),
 * "Virtual server(s)"; check_parser.c init_check_keywords, keepalived 2.2.7), and the checks
 * and defaults keepalived applies when the configuration is complete (ipwrapper.c
 * validate_check_config).
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

    // ---------------------------------------------------------------- completion

    /**
     * The virtual server with keepalived's end-of-configuration defaults and checks
     * (ipwrapper.c validate_check_config), or empty when it cannot be used.
     */
    static Optional<VirtualServer> build(ParseContext ctx, Builder v, GlobalDefs global, Map<String, VirtualServerGroup> groups) {
        if (v.address.isEmpty()) {
            return Optional.empty();
        }
        VirtualServerAddress address = v.address.get();
        String display = address.display();
        boolean fwmarkOnly = switch (address) {
            case VirtualServerAddress.Fwmark f -> true;
            case VirtualServerAddress.Group g -> groups.containsKey(g.name()) && groups.get(g.name()).entries().stream()
                    .allMatch(e -> e instanceof VirtualServerGroupEntry.Fwmark);
            case VirtualServerAddress.Endpoint e -> false;
        };
        if (address instanceof VirtualServerAddress.Group group && !groups.containsKey(group.name())) {
            Token name = v.stanza.arg(1);
            ctx.error(name, "undefined virtual_server_group", groups.isEmpty() ? "a virtual_server_group block defining it"
                    : "one of " + String.join(", ", groups.keySet())
                            + Suggestions.closest(group.name(), groups.keySet()).map(x -> "; did you mean '" + x + "'?").orElse(""));
            return Optional.empty();
        }

        String scheduler = v.scheduler.orElseGet(() -> {
            if (v.wrote("lb_algo", "lvs_sched")) {
                return VirtualServer.DEFAULT_SCHEDULER;
            }
            ctx.diagnostics().warning(v.pos, "no scheduler in virtual_server", display, "lb_algo or lvs_sched; wlc is used, as keepalived does");
            return VirtualServer.DEFAULT_SCHEDULER;
        });
        Set<SchedulerFlag> flags = flags(ctx, v, scheduler);

        Optional<Protocol> protocol = v.protocol;
        if (fwmarkOnly) {
            if (protocol.isPresent()) {
                ctx.warning(v.protocolToken, "protocol ignored by a fwmark virtual_server", "no protocol line: the firewall mark selects the packets");
            }
            protocol = Optional.empty();
        } else if (protocol.isEmpty() && !v.wrote("protocol")) {
            // ipwrapper.c: "no protocol set - defaulting to UDP" (the kernel's default for protocol 0).
            ctx.diagnostics().warning(v.pos, "no protocol in virtual_server", display, "protocol TCP|UDP|SCTP; UDP is used, as keepalived does");
            protocol = Optional.of(Protocol.UDP);
        } else if (protocol.isEmpty()) {
            protocol = Optional.of(Protocol.UDP);
        }
        if (flags.contains(SchedulerFlag.ONE_PACKET) && protocol.isPresent() && protocol.get() != Protocol.UDP) {
            ctx.diagnostics().warning(v.pos, "ops (one-packet scheduling) needs UDP, ignored in", display, "ops only with protocol UDP");
            flags.remove(SchedulerFlag.ONE_PACKET);
        }
        boolean haSuspend = v.haSuspend;
        if (haSuspend && !(address instanceof VirtualServerAddress.Endpoint)) {
            // ipwrapper.c: "cannot use ha_suspend with fwmarks - clearing ha_suspend".
            if (fwmarkOnly) {
                ctx.warning(v.haSuspendToken, "keyword ignored by a fwmark virtual_server", "ha_suspend only with an address");
                haSuspend = false;
            }
        }

        Optional<Duration> persistenceTimeout = v.persistenceTimeout;
        if (persistenceTimeout.isEmpty() && v.granularity.isPresent()) {
            persistenceTimeout = Optional.of(Persistence.DEFAULT_TIMEOUT);
        }
        if (address instanceof VirtualServerAddress.Endpoint e && e.port() == 0 && persistenceTimeout.isEmpty()) {
            // ipwrapper.c: "zero port only valid for persistent services - setting".
            ctx.diagnostics().warning(v.pos, "no port in virtual_server", display,
                    "a port, or persistence_timeout; made persistent for 360 s, as keepalived does");
            persistenceTimeout = Optional.of(Persistence.DEFAULT_TIMEOUT);
        }
        Optional<Persistence> persistence = persistenceTimeout.map(t -> new Persistence(t, v.granularity, v.engine));

        Forwarding forwarding = v.forwarding.orElse(Forwarding.NAT);
        if (v.forwarding.isEmpty() && !v.wrote("lb_kind", "lvs_method") && (!v.realServers.isEmpty() || v.sorryServer.isPresent())) {
            // ipwrapper.c: "no forwarding method set, setting default NAT".
            ctx.diagnostics().warning(v.pos, "no forwarding method in virtual_server", display, "lb_kind or lvs_method NAT|DR|TUN; NAT is used, as keepalived does");
        }
        boolean alert = v.smtpAlert.or(global::smtpAlertChecker).or(global::smtpAlert).orElse(false);
        CheckDefaults defaults = new CheckDefaults(v.delayLoop, v.connectTimeout, v.retry, v.delayBeforeRetry, v.warmup);

        List<RealServer> realServers = new ArrayList<>();
        for (RealServerSection.Builder rs : v.realServers) {
            realServer(ctx, v, rs, address, forwarding, defaults, global, realServers);
        }
        if (v.realServers.isEmpty()) {
            // ipwrapper.c: "Virtual server %s has no real servers - ignoring" (in IPVS terms: it serves nothing).
            ctx.diagnostics().warning(v.pos, "no real_server in virtual_server", display, "at least one real_server block");
        }
        Optional<SorryServer> sorry = v.sorryServer.map(s -> sorryServer(ctx, v, s, address, forwarding));

        // ipwrapper.c: quorum above the total weight is lowered to it; hysteresis below the quorum.
        long weightSum = realServers.stream().mapToLong(RealServer::weight).sum();
        long quorum = v.quorum;
        if (quorum > weightSum && !realServers.isEmpty()) {
            ctx.diagnostics().warning(v.pos, "quorum " + quorum + " exceeds the total weight " + weightSum + " of the real servers of", display,
                    "a quorum of at most " + weightSum + "; lowered to " + weightSum + " as keepalived does");
            quorum = weightSum;
        }
        long hysteresis = v.hysteresis;
        if (hysteresis >= quorum && (hysteresis > 0 || quorum > 0) && !realServers.isEmpty()) {
            long lowered = Math.max(0, quorum - 1);
            ctx.diagnostics().warning(v.pos, "hysteresis " + hysteresis + " is not below the quorum " + quorum + " of", display,
                    "a hysteresis below the quorum; lowered to " + lowered + " as keepalived does");
            hysteresis = lowered;
        }
        Quorum quorumSettings = new Quorum(quorum, hysteresis, v.quorumUp, v.quorumDown);
        return Optional.of(new VirtualServer(v.pos, address, scheduler, flags, forwarding, protocol, persistence, quorumSettings, defaults,
                v.alpha, v.omega, haSuspend, v.inhibit, alert, v.virtualhost, v.ipFamily, v.weight, sorry, realServers, v.snmpName));
    }

    /**
     * check_parser.c lbflags_handler: sh-port/sh-fallback only with sh, mh-port/mh-fallback only
     * with mh (checked here against the final scheduler, whatever the order of the lines).
     * sh-port with mh (and vice versa) sets the very same IPVS flag, so it is honoured with a
     * warning (keepalived drops it silently).
     */
    private static Set<SchedulerFlag> flags(ParseContext ctx, Builder v, String scheduler) {
        EnumSet<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        for (Token word : v.flagWords) {
            String w = word.text();
            switch (w) {
                case "ops" -> flags.add(SchedulerFlag.ONE_PACKET);
                case "hashed" -> flags.add(SchedulerFlag.HASHED);
                case "flag-1" -> flags.add(SchedulerFlag.FLAG_1);
                case "flag-2" -> flags.add(SchedulerFlag.FLAG_2);
                case "flag-3" -> flags.add(SchedulerFlag.FLAG_3);
                default -> {
                    String family = w.substring(0, 2);
                    SchedulerFlag flag = w.endsWith("-port") ? SchedulerFlag.FLAG_2 : SchedulerFlag.FLAG_1;
                    String other = (family.equals("sh") ? "mh" : "sh") + w.substring(2);
                    if (scheduler.equals(family)) {
                        flags.add(flag);
                    } else if (scheduler.equals("sh") || scheduler.equals("mh")) {
                        ctx.warning(word, "scheduler flag of " + family + " used with " + scheduler,
                                other + "; the same IPVS " + flag.keyword() + " is set");
                        flags.add(flag);
                    } else {
                        ctx.warning(word, "scheduler flag ignored by " + scheduler, "lb_algo " + family + " for " + w);
                    }
                }
            }
        }
        return flags;
    }

    private static void realServer(ParseContext ctx, Builder v, RealServerSection.Builder rs, VirtualServerAddress address,
                                   Forwarding vsForwarding, CheckDefaults defaults, GlobalDefs global, List<RealServer> into) {
        if (rs.address.isEmpty()) {
            return;
        }
        InetAddress ip = rs.address.get();
        Forwarding forwarding = rs.forwarding.orElse(vsForwarding);
        if (forwarding.kind() != LbKind.TUN && address instanceof VirtualServerAddress.Endpoint e && !Addresses.sameFamily(e.address(), ip)) {
            // check_parser.c rs_end_handler: "Address family of virtual server and real server %s don't match - skipping real server".
            ctx.diagnostics().error(rs.pos, "real_server of another address family than its virtual_server", Addresses.format(ip),
                    "an address of the family of " + Addresses.format(e.address()) + ", or lvs_method TUN");
            return;
        }
        int port = rs.port.orElse(0);
        if (address instanceof VirtualServerAddress.Endpoint e) {
            if (forwarding.kind() == LbKind.NAT) {
                if (port == 0) {
                    port = e.port();
                }
            } else if (port == 0) {
                port = e.port();
            } else if (port != e.port()) {
                // ipwrapper.c: "virtual server %s and real server %s ports don't match - resetting".
                ctx.diagnostics().warning(rs.pos, "real_server port differs from the virtual_server's with " + forwarding.kind(),
                        Integer.toString(port), "port " + e.port() + ": DR/TUN cannot change ports; " + e.port() + " is used, as keepalived does");
                port = e.port();
            }
        } else if (address instanceof VirtualServerAddress.Fwmark && forwarding.kind() != LbKind.NAT && port != 0) {
            ctx.diagnostics().warning(rs.pos, "real_server port ignored by a fwmark virtual_server", Integer.toString(port),
                    "no port with DR/TUN and fwmark; keepalived clears it");
            port = 0;
        }
        final int rsPort = port;
        boolean duplicate = into.stream().anyMatch(o -> o.address().equals(ip) && o.port() == rsPort);
        if (duplicate) {
            // ipwrapper.c: "real server %s is duplicated - removing second rs".
            ctx.diagnostics().warning(rs.pos, "duplicate real_server", Addresses.format(ip) + " " + rsPort, "each real_server once; the second is ignored, as keepalived does");
            return;
        }
        // ipwrapper.c: real server values default to the virtual server's.
        CheckDefaults rsDefaults = new CheckDefaults(rs.delayLoop.orElse(defaults.delayLoop()), rs.connectTimeout.orElse(defaults.connectTimeout()),
                rs.retry.isPresent() ? rs.retry : defaults.retry(), rs.delayBeforeRetry.or(defaults::delayBeforeRetry),
                rs.warmup.or(defaults::warmup));
        boolean alpha = rs.alpha.orElse(v.alpha);
        Optional<String> virtualhost = rs.virtualhost.or(() -> v.virtualhost);
        CheckerBuilder.Inherited inherited = new CheckerBuilder.Inherited(ip, port, rsDefaults.connectTimeout(), rsDefaults.delayLoop(),
                rsDefaults.retry(), rsDefaults.delayBeforeRetry(), rsDefaults.warmup(), alpha, virtualhost, v.delayLoop);
        List<Checker> checkers = new ArrayList<>();
        for (CheckerBuilder checker : rs.checkers) {
            checkers.addAll(checker.build(ctx, inherited));
        }
        // ipwrapper.c: rs smtp_alert, else smtp_alert_checker, else smtp_alert, else on ("backwards compatibility").
        boolean alert = rs.smtpAlert.or(global::smtpAlertChecker).or(global::smtpAlert).orElse(true);
        into.add(new RealServer(rs.pos, ip, port, rs.weight.orElse(v.weight), forwarding, rs.inhibit.orElse(v.inhibit), alpha, alert,
                rs.notifyUp, rs.notifyDown, rs.upperThreshold, rs.lowerThreshold, virtualhost, rsDefaults, checkers, rs.snmpName));
    }

    private static SorryServer sorryServer(ParseContext ctx, Builder v, Stanza s, VirtualServerAddress address, Forwarding vsForwarding) {
        InetAddress ip = Addresses.parse(s.arg(0).text()).orElseThrow();
        int port = s.args().size() == 2 ? Integer.parseInt(s.arg(1).text()) : 0;
        Forwarding forwarding = v.sorryForwarding.orElse(vsForwarding);
        if (address instanceof VirtualServerAddress.Endpoint e && port == 0) {
            // ipwrapper.c: a sorry server without port takes the virtual server's.
            port = e.port();
        }
        return new SorryServer(s.pos(), ip, port, v.sorryInhibit, forwarding);
    }
}
