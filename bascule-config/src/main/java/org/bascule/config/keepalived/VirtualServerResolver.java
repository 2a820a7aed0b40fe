package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.Suggestions;

/**
 * What keepalived does to a virtual_server once the whole configuration is read (ipwrapper.c
 * validate_check_config, check_parser.c end handlers): defaults that depend on other keywords
 * (scheduler, forwarding, protocol, persistence), the real servers' inheritance of the virtual
 * server's settings, port rules of DR/TUN and fwmark services, duplicate real servers, and the
 * quorum and hysteresis limits. Each correction keepalived makes silently or in its log is a
 * warning here; what it drops is an error.
 */
final class VirtualServerResolver {

    private VirtualServerResolver() {
    }


    /**
     * The virtual server with keepalived's end-of-configuration defaults and checks
     * (ipwrapper.c validate_check_config), or empty when it cannot be used.
     */
    static Optional<VirtualServer> resolve(ParseContext ctx, VirtualServerSection.Builder v, GlobalDefs global, Map<String, VirtualServerGroup> groups) {
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
        if (haSuspend && fwmarkOnly) {
            // ipwrapper.c: "cannot use ha_suspend with fwmarks - clearing ha_suspend".
            ctx.warning(v.haSuspendToken, "keyword ignored by a fwmark virtual_server", "ha_suspend only with an address");
            haSuspend = false;
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
    private static Set<SchedulerFlag> flags(ParseContext ctx, VirtualServerSection.Builder v, String scheduler) {
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

    private static void realServer(ParseContext ctx, VirtualServerSection.Builder v, RealServerSection.Builder rs, VirtualServerAddress address,
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

    private static SorryServer sorryServer(ParseContext ctx, VirtualServerSection.Builder v, Stanza s, VirtualServerAddress address, Forwarding vsForwarding) {
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
