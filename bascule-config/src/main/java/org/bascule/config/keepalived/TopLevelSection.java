package org.bascule.config.keepalived;

import java.util.List;
import java.util.Optional;

/**
 * The outermost level of keepalived.conf (keepalived.conf(5), "TOP HIERACHY"): the blocks of the
 * global, BFD, VRRP and LVS configuration, and the few daemon keywords that stand alone.
 */
final class TopLevelSection {

    private TopLevelSection() {
    }

    static final KeywordTable<KeepalivedBuilder> TABLE = new KeywordTable<>(KeywordIndex.TOP_LEVEL, List.of(
            Keyword.block("global_defs", 0, 0, "global_defs { … }", "global definitions",
                    (ctx, k, s) -> {
                        k.global.pos = k.globalSeen ? k.global.pos : s.pos();
                        k.globalSeen = true;
                        GlobalDefsSection.TABLE.applyAll(ctx, k.global, s.children());
                    }),
            Keyword.block("vrrp_script", 1, 1, "vrrp_script NAME { script …; interval … }", "a script VRRP instances track", (ctx, k, s) -> {
                if (k.declare(ctx, s, k.scriptNames)) {
                    VrrpScriptSection.Builder b = new VrrpScriptSection.Builder(s.pos(), s.arg(0).text());
                    VrrpScriptSection.TABLE.applyAll(ctx, b, s.children());
                    k.vrrpScripts.add(b);
                }
            }),
            trackFile("track_file"),
            trackFile("vrrp_track_file"),
            Keyword.block("vrrp_sync_group", 1, 1, "vrrp_sync_group NAME { group { … } }", "instances that change state together", (ctx, k, s) -> {
                if (k.declare(ctx, s, k.syncGroupNames)) {
                    VrrpSyncGroupSection.Builder b = new VrrpSyncGroupSection.Builder(s.pos(), s.arg(0).text());
                    VrrpSyncGroupSection.TABLE.applyAll(ctx, b, s.children());
                    k.syncGroups.add(b);
                }
            }),
            Keyword.block("vrrp_instance", 1, 1, "vrrp_instance NAME { … }", "a VRRP virtual router", (ctx, k, s) -> {
                if (k.declare(ctx, s, k.instanceNames)) {
                    VrrpInstanceSection.Builder b = new VrrpInstanceSection.Builder(s.pos(), s.arg(0).text());
                    VrrpInstanceSection.TABLE.applyAll(ctx, b, s.children());
                    k.vrrpInstances.add(b);
                }
            }),
            Keyword.block("virtual_server_group", 1, 1, "virtual_server_group NAME { IP [PORT] … }", "addresses sharing real servers",
                    (ctx, k, s) -> {
                        if (k.declare(ctx, s, k.groupNames)) {
                            VirtualServerGroupSection.Builder b = new VirtualServerGroupSection.Builder(s.pos(), s.arg(0).text());
                            VirtualServerGroupSection.read(ctx, b, s);
                            k.groups.add(b);
                        }
                    }),
            Keyword.block("virtual_server", 1, 2, "virtual_server IP [PORT]|fwmark N|group NAME", "an IPVS virtual service", (ctx, k, s) -> {
                VirtualServerSection.Builder b = new VirtualServerSection.Builder(s, VirtualServerSection.address(ctx, s));
                VirtualServerSection.TABLE.applyAll(ctx, b, s.children());
                k.virtualServers.add(b);
            }),
            Keyword.block("SSL", 0, 0, "SSL { password …; ca …; certificate …; key … }", "TLS context of SSL_GET", (ctx, k, s) -> {
                if (k.ssl.isPresent()) {
                    // check_parser.c: "SSL context already specified - replacing".
                    ctx.warning(s.keyword(), "second block replaces the first", "one SSL block");
                }
                SslSection.Builder b = new SslSection.Builder(s.pos());
                SslSection.TABLE.applyAll(ctx, b, s.children());
                k.ssl = Optional.of(b.build());
            }),
            raw("vrrp_track_process", 1, RawSections.VRRP_TRACK_PROCESS),
            raw("bfd_instance", 1, RawSections.BFD_INSTANCE),
            raw("garp_group", 0, RawSections.GARP_GROUP),
            raw("track_group", 1, RawSections.TRACK_GROUP),
            lines("linkbeat_interfaces", "IFNAME [MII|ETHTOOL|IOCTL]", "interfaces whose link state is polled"),
            lines("static_routes", "ROUTE", "routes keepalived keeps configured (ip route syntax)"),
            lines("static_rules", "RULE", "rules keepalived keeps configured (ip rule syntax)"),
            lines("interface_up_down_delays", "IFNAME DOWN_DELAY [UP_DELAY]", "debounce of interface state changes"),
            Keyword.block("static_ipaddress", 0, 0, "static_ipaddress { IP[/MASK] [dev IF] … }", "addresses keepalived keeps configured",
                    (ctx, k, s) -> {
                        s.children().forEach(line -> VirtualIpParser.parse(ctx, line, true));
                        k.others.add(RawSections.raw(s));
                    }),
            daemon("net_namespace", 1, 1, "net_namespace NAME", "run in this network namespace"),
            daemon("net_namespace_ipvs", 0, 1, "net_namespace_ipvs [NAME]", "IPVS in this network namespace"),
            daemon("namespace_with_ipsets", 0, 0, "namespace_with_ipsets", "allow ipsets in a namespace before Linux 3.13"),
            daemon("instance", 1, 1, "instance NAME", "name in pid files of several keepalived in one namespace"),
            daemon("use_pid_dir", 0, 0, "use_pid_dir", "pid files in /run/keepalived"),
            daemon("linkbeat_use_polling", 0, 0, "linkbeat_use_polling", "poll link state instead of netlink"),
            daemon("child_wait_time", 1, 1, "child_wait_time SECONDS", "time children have to exit (default 5)")));

    private static Keyword<KeepalivedBuilder> trackFile(String name) {
        return Keyword.block(name, 1, 1, name + " NAME { file PATH; weight N }", "a file whose value adjusts priorities", (ctx, k, s) -> {
            if (name.equals("vrrp_track_file")) {
                ctx.warning(s.keyword(), "deprecated keyword", "track_file (keepalived.conf(5): vrrp_track_file is a deprecated synonym)");
            }
            if (k.declare(ctx, s, k.trackFileNames)) {
                TrackFileSection.Builder b = new TrackFileSection.Builder(s.pos(), s.arg(0).text());
                TrackFileSection.TABLE.applyAll(ctx, b, s.children());
                k.trackFiles.add(b);
            }
        });
    }

    private static Keyword<KeepalivedBuilder> raw(String name, int args, KeywordTable<RawSections.Builder> table) {
        return Keyword.block(name, args, args, name + (args > 0 ? " NAME" : "") + " { … }", "kept as written", (ctx, k, s) -> {
            if (args > 0 && !k.declare(ctx, s, k.rawNames.computeIfAbsent(name, n -> new java.util.LinkedHashMap<>()))) {
                return;
            }
            RawSections.Builder b = new RawSections.Builder();
            table.applyAll(ctx, b, s.children());
            k.others.add(new RawBlock(s.pos(), name, s.argTexts(), b.children));
        });
    }

    private static Keyword<KeepalivedBuilder> lines(String name, String line, String doc) {
        return Keyword.block(name, 0, 0, name + " { " + line + " … }", doc, (ctx, k, s) -> {
            for (Stanza child : s.children()) {
                if (child.hasBlock()) {
                    ctx.error(child.keyword(), "unexpected block in " + name + " after", "one '" + line + "' per line");
                }
            }
            k.others.add(RawSections.raw(s));
        });
    }

    /** Daemon-wide keywords keepalived 2.2 accepts only at top level; kept in the global settings. */
    private static Keyword<KeepalivedBuilder> daemon(String name, int min, int max, String usage, String doc) {
        return Keyword.line(name, min, max, usage, doc, (ctx, k, s) -> k.global.settings.put(name, s.argTexts()));
    }
}
