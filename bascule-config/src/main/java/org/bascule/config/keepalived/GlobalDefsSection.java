package org.bascule.config.keepalived;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.bascule.config.SourcePos;

/**
 * The {@code global_defs} block: every keyword keepalived.conf(5) documents there. The ones
 * Bascule acts on fill typed fields of {@link GlobalDefs}; the others are kept verbatim.
 */
final class GlobalDefsSection {

    private GlobalDefsSection() {
    }

    /** Mutable state while reading global_defs (there may be several blocks; they add up). */
    static final class Builder implements SettingsHolder {
        SourcePos pos;
        Optional<String> routerId = Optional.empty();
        final List<String> notificationEmail = new ArrayList<>();
        Optional<String> notificationEmailFrom = Optional.empty();
        Optional<SmtpServer> smtpServer = Optional.empty();
        Duration smtpConnectTimeout = GlobalDefs.DEFAULT_SMTP_CONNECT_TIMEOUT;
        Optional<String> smtpHeloName = Optional.empty();
        Optional<Boolean> smtpAlert = Optional.empty();
        Optional<Boolean> smtpAlertVrrp = Optional.empty();
        Optional<Boolean> smtpAlertChecker = Optional.empty();
        int vrrpVersion = 2;
        boolean vrrpStrict;
        boolean enableScriptSecurity;
        Optional<ScriptUser> scriptUser = Optional.empty();
        LvsTimeouts lvsTimeouts = LvsTimeouts.UNSET;
        Duration garpMasterDelay = GarpSettings.DEFAULTS.masterDelay();
        int garpMasterRepeat = GarpSettings.DEFAULTS.masterRepeat();
        Optional<Duration> garpLowerPrioDelay = Optional.empty();
        Optional<Integer> garpLowerPrioRepeat = Optional.empty();
        Duration garpMasterRefresh = GarpSettings.DEFAULTS.masterRefresh();
        int garpMasterRefreshRepeat = GarpSettings.DEFAULTS.masterRefreshRepeat();
        Duration garpInterval = Duration.ZERO;
        Duration gnaInterval = Duration.ZERO;
        InetAddress mcastGroup4 = InetAddress.ofLiteral("224.0.0.18");
        InetAddress mcastGroup6 = InetAddress.ofLiteral("ff02::12");
        final Map<String, List<String>> settings = new LinkedHashMap<>();

        Builder(SourcePos pos) {
            this.pos = pos;
        }

        @Override
        public Map<String, List<String>> settings() {
            return settings;
        }

        /** keepalived resolves lower_prio defaults from the master ones at the end (global_data.c). */
        GarpSettings garp() {
            return new GarpSettings(garpMasterDelay, garpMasterRepeat, garpLowerPrioDelay.orElse(garpMasterDelay),
                    garpLowerPrioRepeat.orElse(garpMasterRepeat), garpMasterRefresh, garpMasterRefreshRepeat);
        }

        GlobalDefs build() {
            return new GlobalDefs(pos, routerId, notificationEmail, notificationEmailFrom, smtpServer, smtpConnectTimeout,
                    smtpHeloName, smtpAlert, smtpAlertVrrp, smtpAlertChecker, vrrpVersion, vrrpStrict, enableScriptSecurity,
                    scriptUser, lvsTimeouts, garp(), garpInterval, gnaInterval, mcastGroup4, mcastGroup6, settings);
        }
    }

    private static final Duration ONE_DAY = Duration.ofDays(1);
    private static final Duration MAX_SECONDS = Duration.ofSeconds(0xFFFF_FFFFL / 1_000_000L);

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("global_defs", Stream.concat(typed().stream(), kept().stream()).toList());

    private static List<Keyword<Builder>> typed() {
        return List.of(
                Keyword.line("router_id", 1, 1, "router_id STRING", "name of this machine in alerts (default: host name)",
                        (ctx, b, s) -> b.routerId = Optional.of(s.arg(0).text())),
                Keyword.block("notification_email", 0, 0, "notification_email { ADDRESS … }", "recipients of SMTP alerts",
                        (ctx, b, s) -> s.children().forEach(line -> {
                            if (line.hasBlock()) {
                                ctx.error(line.keyword(), "unexpected block in notification_email after", "one e-mail address per line");
                            } else {
                                b.notificationEmail.add(line.name());
                                line.argTexts().forEach(b.notificationEmail::add);
                            }
                        })),
                Keyword.line("notification_email_from", 1, 1, "notification_email_from ADDRESS",
                        "From: of alerts (default: keepalived@host)", (ctx, b, s) -> b.notificationEmailFrom = Optional.of(s.arg(0).text())),
                Keyword.line("smtp_server", 1, 2, "smtp_server IP|HOSTNAME [PORT]", "relay for alerts (default port 25)",
                        GlobalDefsSection::smtpServer),
                Keyword.line("smtp_helo_name", 1, 1, "smtp_helo_name STRING", "HELO name (default: host name)",
                        (ctx, b, s) -> b.smtpHeloName = Optional.of(s.arg(0).text())),
                Keyword.line("smtp_connect_timeout", 1, 1, "smtp_connect_timeout SECONDS", "SMTP connection timeout (default 30)",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "smtp_connect_timeout", 1, 0xFFFF_FFFFL / 1_000_000L)
                                .ifPresent(v -> b.smtpConnectTimeout = Duration.ofSeconds(v))),
                Keyword.bool("smtp_alert", "default of every smtp_alert", (ctx, b, s) -> b.smtpAlert = Values.flag(ctx, s).or(() -> b.smtpAlert)),
                Keyword.bool("smtp_alert_vrrp", "default of vrrp smtp_alert", (ctx, b, s) -> b.smtpAlertVrrp = Values.flag(ctx, s).or(() -> b.smtpAlertVrrp)),
                Keyword.bool("smtp_alert_checker", "default of checker smtp_alert",
                        (ctx, b, s) -> b.smtpAlertChecker = Values.flag(ctx, s).or(() -> b.smtpAlertChecker)),
                Keyword.line("vrrp_version", 1, 1, "vrrp_version 2|3", "default VRRP version (default 2)",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "vrrp_version", 2, 3).ifPresent(v -> b.vrrpVersion = (int) v)),
                Keyword.flag("vrrp_strict", "enforce strict VRRP protocol compliance", (ctx, b, s) -> b.vrrpStrict = true),
                Keyword.flag("enable_script_security", "refuse scripts run as root that non-root users can modify",
                        (ctx, b, s) -> b.enableScriptSecurity = true),
                Keyword.line("script_user", 1, 2, "script_user USER [GROUP]", "default user of scripts",
                        (ctx, b, s) -> b.scriptUser = Scripts.user(s, 0)),
                Keyword.line("lvs_timeouts", 2, 6, "lvs_timeouts [tcp SECS] [tcpfin SECS] [udp SECS]", "IPVS connection timeouts",
                        GlobalDefsSection::lvsTimeouts),
                Keyword.line("vrrp_garp_master_delay", 1, 1, "vrrp_garp_master_delay SECONDS", "second GARP burst after MASTER (default 5, 0 = none)",
                        (ctx, b, s) -> seconds(ctx, s).ifPresent(v -> b.garpMasterDelay = Duration.ofSeconds(v))),
                Keyword.line("vrrp_garp_master_repeat", 1, 1, "vrrp_garp_master_repeat COUNT", "GARPs per burst (default 5)",
                        (ctx, b, s) -> repeat(ctx, s).ifPresent(v -> b.garpMasterRepeat = (int) v)),
                Keyword.line("vrrp_garp_lower_prio_delay", 1, 1, "vrrp_garp_lower_prio_delay SECONDS",
                        "GARP burst after a lower-priority advert (default vrrp_garp_master_delay)",
                        (ctx, b, s) -> seconds(ctx, s).ifPresent(v -> b.garpLowerPrioDelay = Optional.of(Duration.ofSeconds(v)))),
                Keyword.line("vrrp_garp_lower_prio_repeat", 1, 1, "vrrp_garp_lower_prio_repeat COUNT",
                        "GARPs in that burst (default vrrp_garp_master_repeat)",
                        (ctx, b, s) -> Values.integer(ctx, s.arg(0), "vrrp_garp_lower_prio_repeat", 0, Integer.MAX_VALUE)
                                .ifPresent(v -> b.garpLowerPrioRepeat = Optional.of((int) v))),
                Keyword.line("vrrp_garp_master_refresh", 1, 1, "vrrp_garp_master_refresh SECONDS", "periodic GARP while MASTER (default 0 = off)",
                        (ctx, b, s) -> seconds(ctx, s).ifPresent(v -> b.garpMasterRefresh = Duration.ofSeconds(v))),
                Keyword.line("vrrp_garp_master_refresh_repeat", 1, 1, "vrrp_garp_master_refresh_repeat COUNT", "GARPs per refresh (default 1)",
                        (ctx, b, s) -> repeat(ctx, s).ifPresent(v -> b.garpMasterRefreshRepeat = (int) v)),
                Keyword.line("vrrp_garp_interval", 1, 1, "vrrp_garp_interval SECONDS", "delay between GARPs on an interface (default 0)",
                        (ctx, b, s) -> Values.timer(ctx, s.arg(0), "vrrp_garp_interval", Duration.ZERO, ONE_DAY).ifPresent(v -> b.garpInterval = v)),
                Keyword.line("vrrp_gna_interval", 1, 1, "vrrp_gna_interval SECONDS", "delay between unsolicited NAs (default 0)",
                        (ctx, b, s) -> Values.timer(ctx, s.arg(0), "vrrp_gna_interval", Duration.ZERO, ONE_DAY).ifPresent(v -> b.gnaInterval = v)),
                Keyword.line("vrrp_mcast_group4", 1, 1, "vrrp_mcast_group4 IPV4_MULTICAST", "VRRP IPv4 group (default 224.0.0.18)",
                        (ctx, b, s) -> multicast(ctx, s.arg(0), true).ifPresent(a -> b.mcastGroup4 = a)),
                Keyword.line("vrrp_mcast_group6", 1, 1, "vrrp_mcast_group6 IPV6_MULTICAST", "VRRP IPv6 group (default ff02::12)",
                        (ctx, b, s) -> multicast(ctx, s.arg(0), false).ifPresent(a -> b.mcastGroup6 = a)));
    }

    /** Keywords documented in keepalived.conf(5) that Bascule keeps without acting on them. */
    private static List<Keyword<Builder>> kept() {
        List<Keyword<Builder>> list = new ArrayList<>();
        String[][] specs = {
            // name, min, max, usage
            {"tmp_config_directory", "1", "1", "DIRECTORY"}, {"config_save_dir", "1", "1", "DIRECTORY"},
            {"process_names", "0", "0", ""}, {"process_name", "1", "1", "NAME"}, {"vrrp_process_name", "1", "1", "NAME"},
            {"checker_process_name", "1", "1", "NAME"}, {"bfd_process_name", "1", "1", "NAME"},
            {"startup_script", "1", "3", "SCRIPT [USER [GROUP]]"}, {"startup_script_timeout", "1", "1", "SECONDS"},
            {"shutdown_script", "1", "3", "SCRIPT [USER [GROUP]]"}, {"shutdown_script_timeout", "1", "1", "SECONDS"},
            {"checker_log_all_failures", "0", "1", "[on|off]"}, {"no_email_faults", "0", "0", ""},
            {"default_interface", "1", "1", "IFNAME"},
            {"lvs_sync_daemon", "1", "12", "IFNAME [[inst] VRRP_INSTANCE] [id N] [maxlen N] [port N] [ttl N] [group IP]"},
            {"lvs_flush", "0", "0", ""}, {"lvs_flush_on_stop", "0", "1", "[VS]"},
            {"vrrp_down_timer_adverts", "1", "1", "<1-100>"}, {"vrrp_min_garp", "0", "1", "[on|off]"},
            {"vrrp_garp_extra_if", "1", "2", "[all] SECONDS"}, {"vrrp_lower_prio_no_advert", "0", "1", "[on|off]"},
            {"vrrp_higher_prio_send_advert", "0", "1", "[on|off]"},
            {"nftables", "0", "1", "[TABLENAME]"}, {"nftables_priority", "1", "1", "PRIORITY"}, {"nftables_counters", "0", "0", ""},
            {"nftables_ifindex", "0", "0", ""}, {"nftables_ipvs", "0", "1", "[TABLENAME]"}, {"nftables_ipvs_priority", "1", "1", "PRIORITY"},
            {"nftables_ipvs_start_fwmark", "1", "1", "NUMBER"}, {"vrrp_iptables", "0", "2", "[IN_CHAIN [OUT_CHAIN]]"},
            {"vrrp_ipsets", "0", "5", "[NAME [NAME6 [NAME_IF6 [NAME_IGMP [NAME_MLD]]]]]"}, {"disable_local_igmp", "0", "0", ""},
            {"vrrp_check_unicast_src", "0", "0", ""}, {"vrrp_skip_check_adv_addr", "0", "1", "[on|off]"},
            {"vrrp_notify_priority_changes", "0", "1", "[on|off]"}, {"max_auto_priority", "0", "1", "[<-1..99>]"},
            {"min_auto_priority_delay", "1", "1", "USECS"}, {"vrrp_priority", "1", "1", "<-20..19>"},
            {"checker_priority", "1", "1", "<-20..19>"}, {"bfd_priority", "1", "1", "<-20..19>"},
            {"vrrp_no_swap", "0", "0", ""}, {"checker_no_swap", "0", "0", ""}, {"bfd_no_swap", "0", "0", ""},
            {"vrrp_cpu_affinity", "1", String.valueOf(Keyword.MANY), "CPU …"}, {"checker_cpu_affinity", "1", String.valueOf(Keyword.MANY), "CPU …"},
            {"bfd_cpu_affinity", "1", String.valueOf(Keyword.MANY), "CPU …"}, {"vrrp_rt_priority", "1", "1", "<1..99>"},
            {"checker_rt_priority", "1", "1", "<1..99>"}, {"bfd_rt_priority", "1", "1", "<1..99>"},
            {"vrrp_rlimit_rttime", "1", "1", "USECS"}, {"checker_rlimit_rttime", "1", "1", "USECS"}, {"bfd_rlimit_rttime", "1", "1", "USECS"},
            {"snmp_socket", "1", "1", "SOCKET"}, {"enable_snmp_vrrp", "0", "0", ""}, {"enable_snmp_keepalived", "0", "0", ""},
            {"enable_snmp_checker", "0", "0", ""}, {"enable_snmp_rfc", "0", "0", ""}, {"enable_snmp_rfcv2", "0", "0", ""},
            {"enable_snmp_rfcv3", "0", "0", ""}, {"enable_traps", "0", "0", ""}, {"enable_dbus", "0", "0", ""},
            {"dbus_service_name", "1", "1", "NAME"},
            {"notify_fifo", "1", "3", "FIFO [USER [GROUP]]"}, {"notify_fifo_script", "1", "3", "SCRIPT [USER [GROUP]]"},
            {"vrrp_notify_fifo", "1", "3", "FIFO [USER [GROUP]]"}, {"vrrp_notify_fifo_script", "1", "3", "SCRIPT [USER [GROUP]]"},
            {"lvs_notify_fifo", "1", "3", "FIFO [USER [GROUP]]"}, {"lvs_notify_fifo_script", "1", "3", "SCRIPT [USER [GROUP]]"},
            {"fifo_write_vrrp_states_on_reload", "0", "0", ""}, {"dynamic_interfaces", "0", "1", "[allow_if_changes]"},
            {"vrrp_netlink_cmd_rcv_bufs", "1", "1", "BYTES"}, {"vrrp_netlink_cmd_rcv_bufs_force", "0", "1", "[on|off]"},
            {"vrrp_netlink_monitor_rcv_bufs", "1", "1", "BYTES"}, {"vrrp_netlink_monitor_rcv_bufs_force", "0", "1", "[on|off]"},
            {"lvs_netlink_cmd_rcv_bufs", "1", "1", "BYTES"}, {"lvs_netlink_cmd_rcv_bufs_force", "0", "1", "[on|off]"},
            {"lvs_netlink_monitor_rcv_bufs", "1", "1", "BYTES"}, {"lvs_netlink_monitor_rcv_bufs_force", "0", "1", "[on|off]"},
            {"process_monitor_rcv_bufs", "1", "1", "BYTES"}, {"process_monitor_rcv_bufs_force", "0", "1", "[on|off]"},
            {"vrrp_rx_bufs_policy", "1", "1", "MTU|ADVERT|NUMBER"}, {"vrrp_rx_bufs_multiplier", "1", "1", "NUMBER"},
            {"rs_init_notifies", "0", "0", ""}, {"no_checker_emails", "0", "0", ""}, {"umask", "1", "1", "NUMBER|BITS"},
            {"vrrp_startup_delay", "1", "1", "SECONDS"}, {"log_unknown_vrids", "0", "0", ""}, {"vmac_prefix", "1", "1", "STRING"},
            {"vmac_addr_prefix", "1", "1", "STRING"}, {"random_seed", "1", "1", "UNSIGNED_INT"},
            {"reload_check_config", "0", "1", "[LOG_FILE]"}, {"include_check", "0", "4", "[OPTIONS]"},
            {"reload_time_file", "1", "1", "PATH"}, {"reload_repeat", "0", "0", ""}, {"reload_file", "0", "1", "[PATH]"},
            {"data_use_instance", "0", "1", "[on|off]"},
        };
        for (String[] spec : specs) {
            String usage = spec[3].isEmpty() ? spec[0] : spec[0] + " " + spec[3];
            list.add(Keyword.kept(spec[0], Integer.parseInt(spec[1]), Integer.parseInt(spec[2]), usage, "kept as written"));
        }
        return list;
    }

    private static void smtpServer(ParseContext ctx, Builder b, Stanza s) {
        String host = s.arg(0).text();
        int port = SmtpServer.DEFAULT_PORT;
        if (s.args().size() == 2) {
            OptionalLong p = Values.port(ctx, s.arg(1), "smtp_server port", false);
            if (p.isEmpty()) {
                return;
            }
            port = (int) p.getAsLong();
        }
        b.smtpServer = Optional.of(new SmtpServer(host, port));
    }

    private static void lvsTimeouts(ParseContext ctx, Builder b, Stanza s) {
        Optional<Duration> tcp = b.lvsTimeouts.tcp();
        Optional<Duration> tcpFin = b.lvsTimeouts.tcpFin();
        Optional<Duration> udp = b.lvsTimeouts.udp();
        List<Token> args = s.args();
        for (int i = 0; i < args.size(); i += 2) {
            Token name = args.get(i);
            if (i + 1 >= args.size()) {
                ctx.error(name, "missing seconds after", "lvs_timeouts [tcp SECS] [tcpfin SECS] [udp SECS]");
                return;
            }
            // LVS_MAX_TIMEOUT in keepalived: 31 days.
            OptionalLong secs = Values.integer(ctx, args.get(i + 1), "lvs_timeouts " + name.text(), 1, 86400L * 31);
            if (secs.isEmpty()) {
                return;
            }
            Optional<Duration> value = Optional.of(Duration.ofSeconds(secs.getAsLong()));
            switch (name.text()) {
                case "tcp" -> tcp = value;
                case "tcpfin" -> tcpFin = value;
                case "udp" -> udp = value;
                default -> {
                    ctx.error(name, "unknown lvs_timeouts protocol", "tcp, tcpfin or udp");
                    return;
                }
            }
        }
        b.lvsTimeouts = new LvsTimeouts(tcp, tcpFin, udp);
    }

    private static OptionalLong seconds(ParseContext ctx, Stanza s) {
        return Values.integer(ctx, s.arg(0), s.name(), 0, MAX_SECONDS.getSeconds());
    }

    /** keepalived accepts 0 but then uses 1 ("must be greater than 0, setting to 1"). */
    private static OptionalLong repeat(ParseContext ctx, Stanza s) {
        OptionalLong value = Values.integer(ctx, s.arg(0), s.name(), 0, Integer.MAX_VALUE);
        if (value.isPresent() && value.getAsLong() == 0) {
            ctx.warning(s.arg(0), "invalid " + s.name(), "a count of at least 1; 1 is used, as keepalived does");
            return OptionalLong.of(1);
        }
        return value;
    }

    private static Optional<InetAddress> multicast(ParseContext ctx, Token token, boolean v4) {
        Optional<InetAddress> address = Addresses.parse(token.text());
        boolean ok = address.isPresent() && address.get().isMulticastAddress()
                && (v4 ? address.get() instanceof Inet4Address : address.get() instanceof Inet6Address);
        if (!ok) {
            ctx.error(token, "invalid multicast group", v4 ? "an IPv4 multicast address, e.g. 224.0.0.18" : "an IPv6 multicast address, e.g. ff02::12");
            return Optional.empty();
        }
        return address;
    }
}
