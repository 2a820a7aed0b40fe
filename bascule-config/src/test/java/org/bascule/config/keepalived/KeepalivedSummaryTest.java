package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KeepalivedSummaryTest {

    @Test
    void summarisesTheTutorial() {
        KeepalivedConfig config = KeepalivedParser.parse(Path.of("src/test/resources/keepalived/seed1-fixed.conf"), Configs.OPTIONS).config();
        assertThat(KeepalivedSummary.format(config)).isEqualTo("""
                global_defs: router_id LVS, notify georgette@example.com from lvs@example.com, smtp relayhost.example.com:25 timeout 30s, vrrp_version 2
                vrrp_sync_group VG1: linuxfr
                vrrp_instance linuxfr: MASTER on eth0, vrid 51, priority 100, advert 1s, v2, auth PASS
                  VIPs 192.168.2.9/32
                virtual_server 192.168.10.9 80: TCP, rr, DR, quorum 1, delay_loop 6s
                  real_server 192.168.10.98 80: weight 1, TCP_CHECK 192.168.10.98:80 timeout 3s (every 6s, retry 1 after 1s)
                  real_server 192.168.10.85 80: weight 1, TCP_CHECK 192.168.10.85:80 timeout 3s (every 6s, retry 1 after 1s)
                virtual_server 192.168.10.10 80: TCP, rr, DR, persistent 60s, quorum 3 (hysteresis 2), delay_loop 6s
                  sorry_server 192.168.10.55 80
                  real_server 192.168.10.98 80: weight 1, HTTP_GET 192.168.10.98:80 timeout 3s /test_vie.php 200 md5 (every 6s, retry 1 after 3s)
                  real_server 192.168.10.85 80: weight 1, HTTP_GET 192.168.10.85:80 timeout 3s /test_vie.php 200 md5 (every 6s, retry 1 after 3s)
                  real_server 192.168.10.72 80: weight 1, MISC_CHECK '/usr/local/bin/test_ldap.pl 192.168.10.72' timeout 15s (every 6s, retry 0 after 1s)
                """);
    }

    @Test
    void summarisesTheMultiTierDesign() {
        KeepalivedConfig config = KeepalivedParser.parse(Path.of("src/test/resources/keepalived/seed2.conf"), Configs.OPTIONS).config();
        assertThat(KeepalivedSummary.format(config)).isEqualTo("""
                global_defs: vrrp_version 2
                virtual_server_group VS_GROUP_MH_IPv6: 2001:db8::c633:6401 80
                virtual_server group VS_GROUP_MH_IPv6: TCP, mh (flag-2), TUN, quorum 1, delay_loop 5s, alpha, omega
                  real_server 2001:db8::c000:284 80: weight 1, HTTP_GET [2001:db8::c000:284]:80 timeout 2s /healthcheck 200 (every 5s, retry 1 after 3s)
                """);
    }

    @Test
    void summarisesEveryKindOfBlockWithoutFailing() {
        KeepalivedConfig config = KeepalivedParser.parse(Path.of("src/test/resources/keepalived/all-keywords.conf"), Configs.OPTIONS).config();
        String summary = KeepalivedSummary.format(config);
        assertThat(summary).contains("vrrp_instance VI_1: MASTER on eth0, vrid 51, priority 150, advert 0.5s, v2")
                .contains("BFD_CHECK bfd1 [not run by Bascule]")
                .contains("virtual_server_group VSG1: 192.0.2.100 80, 192.0.2.110-192.0.2.120 80")
                .contains("bfd_instance bfd1: kept, not used")
                .contains("  also set: ");
        assertThat(KeepalivedSummary.format(Configs.clean(""))).isEqualTo("global_defs: vrrp_version 2\n");
    }
}
