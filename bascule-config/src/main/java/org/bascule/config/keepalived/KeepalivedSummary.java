package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The human summary {@code bascule check} prints for a keepalived.conf: global definitions, one
 * or two lines per vrrp_instance, and each virtual_server with its scheduler, forwarding,
 * persistence, quorum and real servers with their weights and checkers. Times are written in
 * seconds as in keepalived.conf.
 */
public final class KeepalivedSummary {

    private KeepalivedSummary() {
    }

    /** The summary, lines separated by '\n', ending with a newline. */
    public static String format(KeepalivedConfig config) {
        List<String> out = new ArrayList<>();
        GlobalDefs g = config.globalDefs();
        List<String> global = new ArrayList<>();
        g.routerId().ifPresent(id -> global.add("router_id " + id));
        if (!g.notificationEmail().isEmpty()) {
            global.add("notify " + String.join(", ", g.notificationEmail()) + g.notificationEmailFrom().map(f -> " from " + f).orElse(""));
        }
        g.smtpServer().ifPresent(s -> global.add("smtp " + s.host() + ":" + s.port() + " timeout " + Values.seconds(g.smtpConnectTimeout()) + "s"));
        global.add("vrrp_version " + g.vrrpVersion());
        if (g.enableScriptSecurity()) {
            global.add("script security");
        }
        out.add("global_defs: " + String.join(", ", global));
        if (!g.settings().isEmpty()) {
            List<String> names = g.settings().keySet().stream().sorted().toList();
            out.add("  also set: " + String.join(", ", names.subList(0, Math.min(8, names.size())))
                    + (names.size() > 8 ? " and " + (names.size() - 8) + " more" : ""));
        }
        for (VrrpScript s : config.vrrpScripts()) {
            out.add("vrrp_script " + s.name() + ": '" + s.script() + "' every " + Values.seconds(s.interval()) + "s, weight " + s.weight()
                    + ", rise " + s.rise() + ", fall " + s.fall());
        }
        for (VrrpSyncGroup group : config.vrrpSyncGroups()) {
            out.add("vrrp_sync_group " + group.name() + ": " + String.join(", ", group.group()));
        }
        for (VrrpInstance v : config.vrrpInstances()) {
            out.add("vrrp_instance " + v.name() + ": " + v.state() + " on " + v.interfaceName().orElse("(default interface)")
                    + ", vrid " + v.virtualRouterId() + ", priority " + v.priority() + ", advert " + Values.seconds(v.advertInt()) + "s, v"
                    + v.version() + (v.preempt() ? "" : ", nopreempt") + v.authentication().map(a -> ", auth " + a.type()).orElse(""));
            List<String> extra = new ArrayList<>();
            extra.add("VIPs " + (v.virtualIpAddresses().isEmpty() ? "none" : v.virtualIpAddresses().stream()
                    .map(a -> a.cidr() + a.device().map(d -> " dev " + d).orElse("") + a.label().map(l -> " label " + l).orElse(""))
                    .collect(Collectors.joining(", "))));
            if (!v.unicastPeers().isEmpty()) {
                extra.add("unicast to " + v.unicastPeers().stream().map(p -> Addresses.format(p.address())).collect(Collectors.joining(", ")));
            }
            if (!v.tracking().scripts().isEmpty()) {
                extra.add("tracks " + v.tracking().scripts().stream().map(TrackedRef::name).collect(Collectors.joining(", ")));
            }
            out.add("  " + String.join("; ", extra));
        }
        for (VirtualServerGroup group : config.virtualServerGroups()) {
            out.add("virtual_server_group " + group.name() + ": " + group.entries().stream().map(KeepalivedSummary::entry)
                    .collect(Collectors.joining(", ")));
        }
        for (VirtualServer vs : config.virtualServers()) {
            List<String> parts = new ArrayList<>();
            parts.add(vs.protocol().map(Enum::name).orElse("fwmark"));
            parts.add(vs.scheduler() + flags(vs));
            parts.add(forwarding(vs.forwarding()));
            vs.persistence().ifPresent(p -> parts.add("persistent " + Values.seconds(p.timeout()) + "s"));
            parts.add("quorum " + vs.quorum().quorum() + (vs.quorum().hysteresis() > 0 ? " (hysteresis " + vs.quorum().hysteresis() + ")" : ""));
            parts.add("delay_loop " + Values.seconds(vs.checkDefaults().delayLoop()) + "s");
            if (vs.alpha()) {
                parts.add("alpha");
            }
            if (vs.omega()) {
                parts.add("omega");
            }
            out.add("virtual_server " + vs.name() + ": " + String.join(", ", parts));
            vs.sorryServer().ifPresent(s -> out.add("  sorry_server " + Addresses.format(s.address()) + " " + s.port()));
            for (RealServer rs : vs.realServers()) {
                String checks = rs.checkers().isEmpty() ? "no checker"
                        : rs.checkers().stream().map(KeepalivedSummary::checker).collect(Collectors.joining(", "));
                out.add("  real_server " + Addresses.format(rs.address()) + " " + rs.port() + ": weight " + rs.weight()
                        + (rs.forwarding().equals(vs.forwarding()) ? "" : ", " + forwarding(rs.forwarding())) + ", " + checks);
            }
        }
        for (RawBlock other : config.otherBlocks()) {
            out.add(other.keyword() + (other.values().isEmpty() ? "" : " " + String.join(" ", other.values())) + ": kept, not used");
        }
        return String.join("\n", out) + "\n";
    }

    private static String flags(VirtualServer vs) {
        return vs.schedulerFlags().isEmpty() ? ""
                : " (" + vs.schedulerFlags().stream().sorted().map(SchedulerFlag::keyword).collect(Collectors.joining(",")) + ")";
    }

    private static String forwarding(Forwarding f) {
        return f.kind() + f.tunnel().filter(t -> !t.equals(Tunnel.IPIP)).map(t -> " " + t.type() + t.port().stream()
                .mapToObj(p -> " port " + p).findFirst().orElse("")).orElse("");
    }

    private static String entry(VirtualServerGroupEntry e) {
        return switch (e) {
            case VirtualServerGroupEntry.AddressRange r -> Addresses.format(r.first())
                    + (r.first().equals(r.last()) ? "" : "-" + Addresses.format(r.last()))
                    + r.port().stream().mapToObj(p -> " " + p).findFirst().orElse("");
            case VirtualServerGroupEntry.Fwmark f -> "fwmark " + f.mark() + f.family().map(x -> " " + x.name().toLowerCase()).orElse("");
        };
    }

    private static String checker(Checker c) {
        String what = switch (c) {
            case TcpCheck t -> "TCP_CHECK " + target(t.connection());
            case HttpGetCheck h -> h.kind() + " " + target(h.connection()) + " " + h.urls().stream()
                    .map(u -> u.path() + " " + u.statusCodes().stream().map(StatusCodeRange::toString).collect(Collectors.joining(","))
                            + u.digest().map(d -> " md5").orElse(""))
                    .collect(Collectors.joining(" + "));
            case MiscCheck m -> "MISC_CHECK '" + m.path() + "' timeout " + Values.seconds(m.timeout()) + "s" + (m.dynamic() ? " dynamic" : "");
            case PingCheck p -> "PING_CHECK " + Addresses.format(p.connection().connectIp());
            case DnsCheck d -> "DNS_CHECK " + d.type() + " " + d.name() + " @" + target(d.connection());
            case SmtpCheck s -> "SMTP_CHECK " + target(s.connection());
            case UdpCheck u -> "UDP_CHECK " + target(u.connection());
            case FileCheck f -> "FILE_CHECK " + f.trackFile();
            case BfdCheck b -> "BFD_CHECK " + b.name();
        };
        Optional<CheckSchedule> schedule = switch (c) {
            case TcpCheck t -> Optional.of(t.schedule());
            case HttpGetCheck h -> Optional.of(h.schedule());
            case MiscCheck m -> Optional.of(m.schedule());
            case PingCheck p -> Optional.of(p.schedule());
            case DnsCheck d -> Optional.of(d.schedule());
            case SmtpCheck s -> Optional.of(s.schedule());
            case UdpCheck u -> Optional.of(u.schedule());
            case FileCheck f -> Optional.empty();
            case BfdCheck b -> Optional.empty();
        };
        String timing = schedule.map(s -> " (every " + Values.seconds(s.delayLoop()) + "s, retry " + s.retry() + " after "
                + Values.seconds(s.delayBeforeRetry()) + "s)").orElse("");
        return what + timing + (c.kind().supported() ? "" : " [not run by Bascule]");
    }

    private static String target(CheckConnection c) {
        String host = Addresses.format(c.connectIp());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + c.connectPort() + " timeout " + Values.seconds(c.connectTimeout()) + "s";
    }
}
