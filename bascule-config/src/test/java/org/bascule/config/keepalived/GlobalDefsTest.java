package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** global_defs: the typed keywords, and the recognised ones kept verbatim. */
class GlobalDefsTest {

    private static GlobalDefs global(String body) {
        return Configs.clean("global_defs {\n" + body + "\n}\n").globalDefs();
    }

    @Test
    void typedKeywords() {
        GlobalDefs g = global("""
                router_id LB1
                notification_email {
                  a@example.com
                  b@example.com
                }
                notification_email_from lb@example.com
                smtp_server 192.0.2.25 2525
                smtp_helo_name lb1
                smtp_connect_timeout 10
                smtp_alert off
                smtp_alert_vrrp yes
                smtp_alert_checker true
                vrrp_version 3
                vrrp_strict
                enable_script_security
                script_user keepalived_script scripts
                lvs_timeouts tcp 7200 udp 300
                vrrp_garp_master_delay 10
                vrrp_garp_master_repeat 3
                vrrp_garp_master_refresh 60
                vrrp_garp_master_refresh_repeat 2
                vrrp_garp_lower_prio_delay 4
                vrrp_garp_lower_prio_repeat 1
                vrrp_garp_interval 0.001
                vrrp_gna_interval 0.002
                vrrp_mcast_group4 224.0.0.19
                vrrp_mcast_group6 ff02::13
                """);
        assertThat(g.routerId()).contains("LB1");
        assertThat(g.notificationEmail()).containsExactly("a@example.com", "b@example.com");
        assertThat(g.notificationEmailFrom()).contains("lb@example.com");
        assertThat(g.smtpServer()).contains(new SmtpServer("192.0.2.25", 2525));
        assertThat(g.smtpHeloName()).contains("lb1");
        assertThat(g.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(g.smtpAlert()).contains(false);
        assertThat(g.smtpAlertVrrp()).contains(true);
        assertThat(g.smtpAlertChecker()).contains(true);
        assertThat(g.vrrpVersion()).isEqualTo(3);
        assertThat(g.vrrpStrict()).isTrue();
        assertThat(g.enableScriptSecurity()).isTrue();
        assertThat(g.scriptUser()).contains(new ScriptUser("keepalived_script", Optional.of("scripts")));
        assertThat(g.lvsTimeouts()).isEqualTo(new LvsTimeouts(Optional.of(Duration.ofSeconds(7200)), Optional.empty(), Optional.of(Duration.ofSeconds(300))));
        assertThat(g.vrrpGarp()).isEqualTo(new GarpSettings(Duration.ofSeconds(10), 3, Duration.ofSeconds(4), 1, Duration.ofSeconds(60), 2));
        assertThat(g.vrrpGarpInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(g.vrrpGnaInterval()).isEqualTo(Duration.ofMillis(2));
        assertThat(g.vrrpMcastGroup4()).isEqualTo(InetAddress.ofLiteral("224.0.0.19"));
        assertThat(g.vrrpMcastGroup6()).isEqualTo(InetAddress.ofLiteral("ff02::13"));
    }

    @Test
    void lowerPriorityGarpDefaultsFollowTheMasterOnes() {
        GlobalDefs g = global("vrrp_garp_master_delay 7\nvrrp_garp_master_repeat 2");
        assertThat(g.vrrpGarp().lowerPrioDelay()).hasSeconds(7);
        assertThat(g.vrrpGarp().lowerPrioRepeat()).isEqualTo(2);
    }

    @Test
    void otherDocumentedKeywordsAreKeptVerbatim() {
        GlobalDefs g = global("lvs_flush\nvrrp_iptables keepalived_in keepalived_out\nmax_auto_priority 10\nlvs_sync_daemon eth1 VI_1 id 5");
        assertThat(g.setting("lvs_flush")).contains(List.of());
        assertThat(g.setting("vrrp_iptables")).contains(List.of("keepalived_in", "keepalived_out"));
        assertThat(g.setting("lvs_sync_daemon")).contains(List.of("eth1", "VI_1", "id", "5"));
        assertThat(g.setting("nope")).isEmpty();
    }

    @Test
    void daemonKeywordsOfTheTopLevelAreKeptToo() {
        GlobalDefs g = Configs.clean("net_namespace blue\nuse_pid_dir\nchild_wait_time 9\n").globalDefs();
        assertThat(g.settings()).containsEntry("net_namespace", List.of("blue")).containsEntry("use_pid_dir", List.of())
                .containsEntry("child_wait_time", List.of("9"));
    }

    @Test
    void badGlobalValues() {
        assertThat(Configs.diagnostics("global_defs {\n vrrp_version 4\n lvs_timeouts tcp\n vrrp_mcast_group4 10.0.0.1\n vrrp_garp_master_repeat 0\n}\n"))
                .containsExactly(
                        "test.conf:2:15: error: invalid vrrp_version '4' (expected: an integer from 2 to 3)",
                        "test.conf:3:2: error: missing value after 'lvs_timeouts' (expected: lvs_timeouts [tcp SECS] [tcpfin SECS] [udp SECS])",
                        "test.conf:4:20: error: invalid multicast group '10.0.0.1' (expected: an IPv4 multicast address, e.g. 224.0.0.18)",
                        "test.conf:5:26: warning: invalid vrrp_garp_master_repeat '0' (expected: a count of at least 1; 1 is used, as keepalived does)");
    }
}
