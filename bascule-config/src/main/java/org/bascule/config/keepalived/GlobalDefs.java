package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * keepalived's {@code global_defs} block (keepalived.conf(5), "Global definitions"). The
 * keywords Bascule acts on are typed fields with keepalived's defaults; every other keyword the
 * man page documents is recognised and kept, as written, in {@link #settings()}.
 *
 * @param pos                    the {@code global_defs} keyword (the main file's start if absent)
 * @param routerId               {@code router_id} (keepalived: the host name when unset)
 * @param notificationEmail      {@code notification_email { … }} recipients
 * @param notificationEmailFrom  {@code notification_email_from} (keepalived: keepalived@host)
 * @param smtpServer             {@code smtp_server HOST [PORT]}
 * @param smtpConnectTimeout     {@code smtp_connect_timeout}, default 30 s
 * @param smtpHeloName           {@code smtp_helo_name}
 * @param smtpAlert              {@code smtp_alert}: default for every smtp_alert when set
 * @param smtpAlertVrrp          {@code smtp_alert_vrrp}
 * @param smtpAlertChecker       {@code smtp_alert_checker}
 * @param vrrpVersion            {@code vrrp_version}, default 2 (IPv6 instances use 3)
 * @param vrrpStrict             {@code vrrp_strict}
 * @param enableScriptSecurity   {@code enable_script_security}
 * @param scriptUser             {@code script_user USER [GROUP]}
 * @param lvsTimeouts            {@code lvs_timeouts [tcp S] [tcpfin S] [udp S]}
 * @param vrrpGarp               {@code vrrp_garp_master_delay/_repeat/_refresh/_refresh_repeat}
 *                               and {@code vrrp_garp_lower_prio_delay/_repeat}: the defaults of
 *                               every vrrp_instance
 * @param vrrpGarpInterval       {@code vrrp_garp_interval}, default 0
 * @param vrrpGnaInterval        {@code vrrp_gna_interval}, default 0
 * @param vrrpMcastGroup4        {@code vrrp_mcast_group4}, default 224.0.0.18 (RFC 5798)
 * @param vrrpMcastGroup6        {@code vrrp_mcast_group6}, default ff02::12 (RFC 5798)
 * @param settings               every other recognised keyword, name to values, as written
 */
public record GlobalDefs(
        SourcePos pos,
        Optional<String> routerId,
        List<String> notificationEmail,
        Optional<String> notificationEmailFrom,
        Optional<SmtpServer> smtpServer,
        Duration smtpConnectTimeout,
        Optional<String> smtpHeloName,
        Optional<Boolean> smtpAlert,
        Optional<Boolean> smtpAlertVrrp,
        Optional<Boolean> smtpAlertChecker,
        int vrrpVersion,
        boolean vrrpStrict,
        boolean enableScriptSecurity,
        Optional<ScriptUser> scriptUser,
        LvsTimeouts lvsTimeouts,
        GarpSettings vrrpGarp,
        Duration vrrpGarpInterval,
        Duration vrrpGnaInterval,
        InetAddress vrrpMcastGroup4,
        InetAddress vrrpMcastGroup6,
        Map<String, List<String>> settings) {

    /** keepalived's {@code smtp_connect_timeout} default (global_data.c). */
    public static final Duration DEFAULT_SMTP_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public GlobalDefs {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(routerId, "routerId");
        notificationEmail = List.copyOf(notificationEmail);
        Objects.requireNonNull(notificationEmailFrom, "notificationEmailFrom");
        Objects.requireNonNull(smtpServer, "smtpServer");
        Objects.requireNonNull(smtpConnectTimeout, "smtpConnectTimeout");
        Objects.requireNonNull(smtpHeloName, "smtpHeloName");
        Objects.requireNonNull(smtpAlert, "smtpAlert");
        Objects.requireNonNull(smtpAlertVrrp, "smtpAlertVrrp");
        Objects.requireNonNull(smtpAlertChecker, "smtpAlertChecker");
        Objects.requireNonNull(scriptUser, "scriptUser");
        Objects.requireNonNull(lvsTimeouts, "lvsTimeouts");
        Objects.requireNonNull(vrrpGarp, "vrrpGarp");
        Objects.requireNonNull(vrrpGarpInterval, "vrrpGarpInterval");
        Objects.requireNonNull(vrrpGnaInterval, "vrrpGnaInterval");
        Objects.requireNonNull(vrrpMcastGroup4, "vrrpMcastGroup4");
        Objects.requireNonNull(vrrpMcastGroup6, "vrrpMcastGroup6");
        settings = Map.copyOf(settings);
    }

    /** The values of a recognised keyword kept verbatim, e.g. {@code setting("lvs_flush")}. */
    public Optional<List<String>> setting(String keyword) {
        return Optional.ofNullable(settings.get(keyword));
    }
}
