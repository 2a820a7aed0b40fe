package org.bascule.config.keepalived;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.bascule.config.SourcePos;

/**
 * The {@code vrrp_instance NAME { … }} block and its {@code authentication} sub-block
 * (keepalived.conf(5), "VRRP instance(s)"; vrrp_parser.c init_vrrp_keywords, keepalived 2.2.7).
 */
final class VrrpInstanceSection {

    private VrrpInstanceSection() {
    }

    /** Interface names are limited by the kernel (IFNAMSIZ - 1). */
    static final int MAX_IFNAME = 15;

    static final class Builder implements SettingsHolder, Attempted {
        final SourcePos pos;
        final String name;
        Optional<VrrpState> state = Optional.empty();
        Optional<String> interfaceName = Optional.empty();
        OptionalInt vrid = OptionalInt.empty();
        int priority = VrrpInstance.DEFAULT_PRIORITY;
        Duration advertInt = VrrpInstance.DEFAULT_ADVERT_INT;
        OptionalInt version = OptionalInt.empty();
        Token versionToken;
        Optional<AuthType> authType = Optional.empty();
        Optional<String> authPass = Optional.empty();
        SourcePos authPos;
        final List<VirtualIpAddress> vips = new ArrayList<>();
        final List<VirtualIpAddress> excludedVips = new ArrayList<>();
        final List<RouteSpec> routes = new ArrayList<>();
        final List<RouteSpec> rules = new ArrayList<>();
        boolean preempt = true;
        Duration preemptDelay = Duration.ZERO;
        Optional<InetAddress> mcastSrcIp = Optional.empty();
        Optional<InetAddress> unicastSrcIp = Optional.empty();
        Optional<InetAddress> mcastDstIp = Optional.empty();
        final List<UnicastPeer> peers = new ArrayList<>();
        Optional<Duration> garpMasterDelay = Optional.empty();
        Optional<Integer> garpMasterRepeat = Optional.empty();
        Optional<Duration> garpLowerPrioDelay = Optional.empty();
        Optional<Integer> garpLowerPrioRepeat = Optional.empty();
        Optional<Duration> garpMasterRefresh = Optional.empty();
        Optional<Integer> garpMasterRefreshRepeat = Optional.empty();
        boolean dontTrackPrimary;
        final TrackingBuilder tracking = new TrackingBuilder();
        final NotifyBuilder notify = new NotifyBuilder();
        Optional<Boolean> smtpAlert = Optional.empty();
        Optional<Boolean> accept = Optional.empty();
        final Map<String, List<String>> settings = new LinkedHashMap<>();
        final Set<String> attempted = new HashSet<>();

        Builder(SourcePos pos, String name) {
            this.pos = pos;
            this.name = name;
        }

        @Override
        public Map<String, List<String>> settings() {
            return settings;
        }

        @Override
        public Set<String> attempted() {
            return attempted;
        }

        /** Empty (reported) when the instance cannot run: no virtual_router_id. */
        Optional<VrrpInstance> build(ParseContext ctx, GlobalDefs global) {
            if (vrid.isEmpty() && attempted.contains("virtual_router_id")) {
                return Optional.empty();
            }
            if (vrid.isEmpty()) {
                // keepalived: "the virtual router id must be set" (a fatal configuration error).
                ctx.diagnostics().error(pos, "no virtual_router_id in vrrp_instance", name, "virtual_router_id <1-255> in the block");
                return Optional.empty();
            }
            if (interfaceName.isEmpty() && peers.isEmpty()) {
                ctx.diagnostics().warning(pos, "no interface in vrrp_instance", name,
                        "interface IFNAME (only unicast instances may omit it; VIPs then go on the default interface)");
            }
            boolean ipv6 = !vips.isEmpty() && vips.getFirst().address() instanceof Inet6Address;
            int resolvedVersion = version.orElse(global.vrrpVersion());
            if (ipv6 && resolvedVersion == 2) {
                // keepalived.conf(5): "IPv6 instances will use version 3".
                if (version.isPresent()) {
                    ctx.warning(versionToken, "VRRP version 2 cannot carry IPv6 addresses, using 3 for", "version 3 with IPv6 virtual addresses");
                }
                resolvedVersion = 3;
            }
            Optional<Authentication> authentication = Optional.empty();
            if (authType.isPresent() || authPass.isPresent()) {
                if (resolvedVersion == 3) {
                    ctx.diagnostics().warning(authPos, "authentication ignored by VRRP version 3 in", name,
                            "no authentication block with version 3 (RFC 5798 removed it)");
                }
                authentication = Optional.of(new Authentication(authPos, authType.orElse(AuthType.PASS), authPass.orElse("")));
            }
            GarpSettings g = global.vrrpGarp();
            GarpSettings garp = new GarpSettings(garpMasterDelay.orElse(g.masterDelay()), garpMasterRepeat.orElse(g.masterRepeat()),
                    garpLowerPrioDelay.orElse(g.lowerPrioDelay()), garpLowerPrioRepeat.orElse(g.lowerPrioRepeat()),
                    garpMasterRefresh.orElse(g.masterRefresh()), garpMasterRefreshRepeat.orElse(g.masterRefreshRepeat()));
            // vrrp_data.c: instance smtp_alert, else smtp_alert_vrrp, else smtp_alert, else off.
            boolean alert = smtpAlert.or(global::smtpAlertVrrp).or(global::smtpAlert).orElse(false);
            return Optional.of(new VrrpInstance(pos, name, state.orElse(VrrpState.BACKUP), interfaceName, vrid.getAsInt(), priority,
                    advertInt, resolvedVersion, authentication, vips, excludedVips, routes, rules, preempt, preemptDelay, mcastSrcIp,
                    unicastSrcIp, mcastDstIp, peers, garp, dontTrackPrimary, tracking.build(), notify.build(), alert, accept, settings));
        }
    }

    private static final Duration MAX_ADVERT = Duration.ofSeconds(255);
    private static final long MAX_GARP_SECONDS = 0xFFFF_FFFFL / 1_000_000L;

    static final KeywordTable<Builder> AUTHENTICATION = new KeywordTable<>("authentication", List.of(
            Keyword.line("auth_type", 1, 1, "auth_type PASS|AH", "PASS: simple password; AH: IPSEC AH", (ctx, b, s) -> {
                switch (s.arg(0).text()) {
                    case "PASS" -> b.authType = Optional.of(AuthType.PASS);
                    case "AH" -> b.authType = Optional.of(AuthType.AH);
                    default -> ctx.error(s.arg(0), "invalid auth_type", "PASS or AH");
                }
            }),
            Keyword.line("auth_pass", 1, 1, "auth_pass SECRET", "the password (only 8 characters are used)", (ctx, b, s) -> {
                String pass = s.arg(0).text();
                if (pass.length() > Authentication.MAX_PASSWORD_LENGTH) {
                    ctx.warning(s.arg(0), "auth_pass longer than 8 characters", "at most 8 characters; only the first 8 are used, as in keepalived");
                    pass = pass.substring(0, Authentication.MAX_PASSWORD_LENGTH);
                }
                b.authPass = Optional.of(pass);
            })));

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("vrrp_instance", Stream.of(
            typed(),
            TrackingBuilder.<Builder>keywords(b -> b.tracking),
            NotifyBuilder.<Builder>keywords(b -> b.notify, true),
            kept()).flatMap(List::stream).toList());

    private static List<Keyword<Builder>> typed() {
        return List.of(
                Keyword.line("state", 1, 1, "state MASTER|BACKUP", "initial state (default BACKUP)", VrrpInstanceSection::state),
                Keyword.line("interface", 1, 1, "interface IFNAME", "interface the instance runs on", (ctx, b, s) -> {
                    if (s.arg(0).text().length() > MAX_IFNAME) {
                        ctx.error(s.arg(0), "interface name too long", "at most " + MAX_IFNAME + " characters");
                    } else {
                        b.interfaceName = Optional.of(s.arg(0).text());
                    }
                }),
                Keyword.line("virtual_router_id", 1, 1, "virtual_router_id <1-255>", "VRID, unique per interface and family",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "virtual_router_id", 1, 255).ifPresent(v -> b.vrid = OptionalInt.of((int) v))),
                Keyword.line("priority", 1, 1, "priority <1-255>", "election priority, 255 = address owner (default 100)",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "priority", 1, 255).ifPresent(v -> b.priority = (int) v)),
                Keyword.line("advert_int", 1, 1, "advert_int SECONDS", "advertisement interval, decimals allowed (default 1)",
                        (ctx, b, s) -> Values.timer(ctx, s.arg(0), "advert_int", Duration.ofMillis(10), MAX_ADVERT).ifPresent(v -> b.advertInt = v)),
                Keyword.line("version", 1, 1, "version 2|3", "VRRP version (default: global vrrp_version)", (ctx, b, s) -> {
                    b.versionToken = s.arg(0);
                    Values.integer(ctx, s.arg(0), "version", 2, 3).ifPresent(v -> b.version = OptionalInt.of((int) v));
                }),
                Keyword.block("authentication", 0, 0, "authentication { auth_type PASS|AH; auth_pass SECRET }", "VRRPv2 authentication",
                        (ctx, b, s) -> {
                            b.authPos = s.pos();
                            AUTHENTICATION.applyAll(ctx, b, s.children());
                        }),
                Keyword.block("virtual_ipaddress", 0, 0, "virtual_ipaddress { IP[/MASK] [dev IF] [label L] [scope S] … }",
                        "the VIPs, all of one family", (ctx, b, s) -> vips(ctx, s, b.vips)),
                Keyword.block("virtual_ipaddress_excluded", 0, 0, "virtual_ipaddress_excluded { IP[/MASK] … }",
                        "addresses moved with the VIPs but not advertised", (ctx, b, s) -> vips(ctx, s, b.excludedVips)),
                Keyword.block("virtual_routes", 0, 0, "virtual_routes { ROUTE … }", "routes added on MASTER (ip route syntax)",
                        (ctx, b, s) -> routes(ctx, s, b.routes)),
                Keyword.block("virtual_rules", 0, 0, "virtual_rules { RULE … }", "rules added on MASTER (ip rule syntax)",
                        (ctx, b, s) -> routes(ctx, s, b.rules)),
                Keyword.flag("nopreempt", "a higher priority does not take over from a running MASTER", (ctx, b, s) -> b.preempt = false),
                Keyword.flag("preempt", "backward compatibility: preempt (the default)", (ctx, b, s) -> b.preempt = true),
                Keyword.line("preempt_delay", 1, 1, "preempt_delay SECONDS", "delay before preempting, 0..1000 (default 0)",
                        (ctx, b, s) -> Values.timer(ctx, s.arg(0), "preempt_delay", Duration.ZERO, Duration.ofSeconds(1000))
                                .ifPresent(v -> b.preemptDelay = v)),
                Keyword.line("mcast_src_ip", 1, 1, "mcast_src_ip IP", "source address of adverts",
                        (ctx, b, s) -> Addresses.read(ctx, s.arg(0), "mcast_src_ip").ifPresent(a -> b.mcastSrcIp = Optional.of(a))),
                Keyword.line("unicast_src_ip", 1, 1, "unicast_src_ip IP", "source address of unicast adverts",
                        (ctx, b, s) -> Addresses.read(ctx, s.arg(0), "unicast_src_ip").ifPresent(a -> b.unicastSrcIp = Optional.of(a))),
                Keyword.line("mcast_dst_ip", 1, 1, "mcast_dst_ip MULTICAST_IP", "multicast group of adverts", VrrpInstanceSection::mcastDst),
                Keyword.block("unicast_peer", 0, 0, "unicast_peer { IP [min_ttl N] [max_ttl N] … }", "send adverts to these peers",
                        VrrpInstanceSection::peers),
                Keyword.line("garp_master_delay", 1, 1, "garp_master_delay SECONDS", "second GARP burst (default: global)",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "garp_master_delay", 0, MAX_GARP_SECONDS)
                                .ifPresent(v -> b.garpMasterDelay = Optional.of(Duration.ofSeconds(v)))),
                Keyword.line("garp_master_repeat", 1, 1, "garp_master_repeat COUNT", "GARPs per burst (default: global)",
                        (ctx, b, s) -> repeat(ctx, s).ifPresent(v -> b.garpMasterRepeat = Optional.of((int) v))),
                Keyword.line("garp_lower_prio_delay", 1, 1, "garp_lower_prio_delay SECONDS", "GARP burst after a lower-priority advert",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "garp_lower_prio_delay", 0, MAX_GARP_SECONDS)
                                .ifPresent(v -> b.garpLowerPrioDelay = Optional.of(Duration.ofSeconds(v)))),
                Keyword.line("garp_lower_prio_repeat", 1, 1, "garp_lower_prio_repeat COUNT", "GARPs in that burst",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "garp_lower_prio_repeat", 0, Integer.MAX_VALUE)
                                .ifPresent(v -> b.garpLowerPrioRepeat = Optional.of((int) v))),
                Keyword.line("garp_master_refresh", 1, 1, "garp_master_refresh SECONDS", "periodic GARP while MASTER (0 = off)",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "garp_master_refresh", 0, 0xFFFF_FFFFL)
                                .ifPresent(v -> b.garpMasterRefresh = Optional.of(Duration.ofSeconds(v)))),
                Keyword.line("garp_master_refresh_repeat", 1, 1, "garp_master_refresh_repeat COUNT", "GARPs per refresh",
                        (ctx, b, s) -> repeat(ctx, s).ifPresent(v -> b.garpMasterRefreshRepeat = Optional.of((int) v))),
                Keyword.flag("dont_track_primary", "ignore faults of the instance's interface", (ctx, b, s) -> b.dontTrackPrimary = true),
                Keyword.bool("smtp_alert", "send SMTP alerts on transitions", (ctx, b, s) -> b.smtpAlert = Values.flag(ctx, s).or(() -> b.smtpAlert)),
                Keyword.flag("accept", "accept packets to the VIPs when not address owner", (ctx, b, s) -> b.accept = Optional.of(true)),
                Keyword.flag("no_accept", "drop packets to the VIPs when not address owner", (ctx, b, s) -> b.accept = Optional.of(false)));
    }

    /** vrrp_instance keywords of keepalived 2.2.7 Bascule keeps without acting on them. */
    private static List<Keyword<Builder>> kept() {
        return List.of(
                Keyword.kept("use_vmac", 0, 2, "use_vmac [IFNAME] [MAC]", "VRRP virtual MAC (macvlan)"),
                Keyword.kept("use_vmac_addr", 0, 0, "use_vmac_addr", "VMACs for VIPs on other interfaces"),
                Keyword.kept("vmac_xmit_base", 0, 0, "vmac_xmit_base", "send adverts on the base interface"),
                Keyword.kept("use_ipvlan", 0, 3, "use_ipvlan [IFNAME] [IP] [bridge|private|vepa]", "ipvlan interface"),
                Keyword.kept("unicast_fault_no_peer", 0, 0, "unicast_fault_no_peer", "FAULT when unicast has no peer"),
                Keyword.kept("check_unicast_src", 0, 0, "check_unicast_src", "check adverts come from a peer"),
                Keyword.kept("old_unicast_checksum", 0, 1, "old_unicast_checksum [never]", "pre-1.3.6 VRRPv3 checksum"),
                Keyword.kept("native_ipv6", 0, 0, "native_ipv6", "deprecated: force IPv6"),
                Keyword.kept("vrf", 1, 1, "vrf VRF_IF", "VRF of an interface-less unicast instance"),
                Keyword.kept("track_src_ip", 0, 0, "track_src_ip", "FAULT when the source address disappears"),
                Keyword.line("unicast_ttl", 1, 1, "unicast_ttl <0-255>", "TTL of unicast adverts", (ctx, b, s) -> {
                    if (Values.integer(ctx, s.arg(0), "unicast_ttl", 0, 255).isPresent()) {
                        b.settings.put(s.name(), s.argTexts());
                    }
                }),
                Keyword.kept("promote_secondaries", 0, 0, "promote_secondaries", "set promote_secondaries on the interface"),
                Keyword.line("linkbeat_use_polling", 0, 0, "linkbeat_use_polling", "deprecated: use linkbeat_interfaces", (ctx, b, s) -> {
                    ctx.warning(s.keyword(), "deprecated keyword", "a top-level linkbeat_interfaces block (keepalived.conf(5))");
                    b.settings.put(s.name(), s.argTexts());
                }),
                Keyword.kept("skip_check_adv_addr", 0, 1, "skip_check_adv_addr [on|off]", "skip checking advert addresses"),
                Keyword.kept("strict_mode", 0, 1, "strict_mode [on|off]", "strict RFC compliance for this instance"),
                Keyword.line("debug", 1, 1, "debug <0-4>", "debug level", (ctx, b, s) -> {
                    if (Values.integer(ctx, s.arg(0), "debug", 0, 4).isPresent()) {
                        b.settings.put(s.name(), s.argTexts());
                    }
                }),
                Keyword.kept("notify_priority_changes", 0, 1, "notify_priority_changes [on|off]", "priority changes to FIFOs"),
                Keyword.line("lvs_sync_daemon_interface", 1, 1, "lvs_sync_daemon_interface IFNAME", "deprecated", (ctx, b, s) -> {
                    ctx.warning(s.keyword(), "deprecated keyword", "lvs_sync_daemon in global_defs (keepalived.conf(5))");
                    b.settings.put(s.name(), s.argTexts());
                }),
                Keyword.line("down_timer_adverts", 1, 1, "down_timer_adverts <1-100>", "adverts before master-down (default 3)", (ctx, b, s) -> {
                    if (Values.integer(ctx, s.arg(0), "down_timer_adverts", 1, 100).isPresent()) {
                        b.settings.put(s.name(), s.argTexts());
                    }
                }),
                Keyword.kept("garp_extra_if", 1, 2, "garp_extra_if [all] SECONDS", "periodic GARP on other interfaces"),
                Keyword.line("vmac_garp_intvl", 1, 2, "vmac_garp_intvl [all] SECONDS", "deprecated spelling of garp_extra_if", (ctx, b, s) -> {
                    ctx.warning(s.keyword(), "deprecated keyword", "garp_extra_if");
                    b.settings.put("garp_extra_if", s.argTexts());
                }),
                Keyword.kept("lower_prio_no_advert", 0, 1, "lower_prio_no_advert [on|off]", "no advert on lower priority"),
                Keyword.kept("higher_prio_send_advert", 0, 1, "higher_prio_send_advert [on|off]", "advert before yielding"),
                Keyword.kept("kernel_rx_buf_size", 0, 1, "kernel_rx_buf_size [BYTES]", "socket receive buffer size"));
    }

    private static void state(ParseContext ctx, Builder b, Stanza s) {
        Token word = s.arg(0);
        switch (word.text()) {
            case "MASTER" -> b.state = Optional.of(VrrpState.MASTER);
            case "BACKUP" -> {
                if (b.state.orElse(null) == VrrpState.MASTER) {
                    // vrrp_parser.c: "state previously set as MASTER - ignoring BACKUP".
                    ctx.warning(word, "state already set to MASTER, ignoring", "one state line per vrrp_instance");
                } else {
                    b.state = Optional.of(VrrpState.BACKUP);
                }
            }
            default -> {
                // vrrp_parser.c: "unknown state '%s', defaulting to BACKUP" (SLAVE in old tutorials).
                ctx.warning(word, "unknown state", "MASTER or BACKUP; taken as BACKUP, as keepalived does");
                if (b.state.isEmpty()) {
                    b.state = Optional.of(VrrpState.BACKUP);
                }
            }
        }
    }

    private static void vips(ParseContext ctx, Stanza block, List<VirtualIpAddress> into) {
        for (Stanza line : block.children()) {
            VirtualIpParser.parse(ctx, line, false).ifPresent(vip -> {
                if (block.name().equals("virtual_ipaddress") && !into.isEmpty()
                        && !Addresses.sameFamily(into.getFirst().address(), vip.address())) {
                    // keepalived.conf(5): all addresses in virtual_ipaddress must be of the same family.
                    ctx.error(line.keyword(), "address of another family in virtual_ipaddress",
                            "addresses of the family of " + Addresses.format(into.getFirst().address())
                                    + "; put the others in virtual_ipaddress_excluded");
                } else {
                    into.add(vip);
                }
            });
        }
    }

    static void routes(ParseContext ctx, Stanza block, List<RouteSpec> into) {
        for (Stanza line : block.children()) {
            if (line.hasBlock()) {
                ctx.error(line.keyword(), "unexpected block in " + block.name() + " after", "one route or rule per line");
                continue;
            }
            List<String> words = new ArrayList<>();
            words.add(line.name());
            words.addAll(line.argTexts());
            into.add(new RouteSpec(line.pos(), words));
        }
    }

    private static void mcastDst(ParseContext ctx, Builder b, Stanza s) {
        Addresses.read(ctx, s.arg(0), "mcast_dst_ip").ifPresent(a -> {
            boolean ok = a.isMulticastAddress() && (!(a instanceof Inet6Address) || a.isMCLinkLocal());
            if (!ok) {
                // vrrp_parser.c: "mcast_dst_ip %s not%s multicast" (IPv6 must be link-local, ffX2::).
                ctx.error(s.arg(0), "unusable mcast_dst_ip", "an IPv4 multicast address or an IPv6 link-local one (ff02::…)");
            } else {
                b.mcastDstIp = Optional.of(a);
            }
        });
    }

    private static void peers(ParseContext ctx, Builder b, Stanza block) {
        for (Stanza line : block.children()) {
            if (line.hasBlock()) {
                ctx.error(line.keyword(), "unexpected block in unicast_peer after", "one peer per line");
                continue;
            }
            Optional<InetAddress> address = Addresses.read(ctx, line.keyword(), "unicast peer");
            if (address.isEmpty()) {
                continue;
            }
            OptionalInt minTtl = OptionalInt.empty();
            OptionalInt maxTtl = OptionalInt.empty();
            boolean ok = true;
            for (int i = 0; i < line.args().size() && ok; i += 2) {
                Token option = line.arg(i);
                if (!option.text().equals("min_ttl") && !option.text().equals("max_ttl")) {
                    ctx.error(option, "unknown unicast_peer option", "IP [min_ttl <0-255>] [max_ttl <0-255>]");
                    ok = false;
                } else if (i + 1 >= line.args().size()) {
                    ctx.error(option, "missing value after", option.text() + " <0-255>");
                    ok = false;
                } else {
                    OptionalLong ttl = Values.integer(ctx, line.arg(i + 1), option.text(), 0, 255);
                    ok = ttl.isPresent();
                    if (ok && option.text().equals("min_ttl")) {
                        minTtl = OptionalInt.of((int) ttl.getAsLong());
                    } else if (ok) {
                        maxTtl = OptionalInt.of((int) ttl.getAsLong());
                    }
                }
            }
            if (ok) {
                b.peers.add(new UnicastPeer(line.pos(), address.get(), minTtl, maxTtl));
            }
        }
    }

    /** keepalived accepts 0 for backward compatibility but uses 1 ("must be greater than 0"). */
    private static OptionalLong repeat(ParseContext ctx, Stanza s) {
        OptionalLong value = Values.integer(ctx, s.arg(0), s.name(), 0, Integer.MAX_VALUE);
        if (value.isPresent() && value.getAsLong() == 0) {
            ctx.warning(s.arg(0), "invalid " + s.name(), "a count of at least 1; 1 is used, as keepalived does");
            return OptionalLong.of(1);
        }
        return value;
    }
}
