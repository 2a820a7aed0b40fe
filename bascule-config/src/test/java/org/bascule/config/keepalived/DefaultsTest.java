package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * keepalived's defaults and inheritance, with the source each comes from: check_data.c alloc_vs,
 * check_api.c queue_checker, the checker files, ipwrapper.c validate_check_config, vrrp_data.c,
 * global_data.c.
 */
class DefaultsTest {

    private static Checker onlyChecker(KeepalivedConfig config) {
        return config.virtualServers().getFirst().realServers().getFirst().checkers().getFirst();
    }

    private static CheckSchedule schedule(Checker checker) {
        return switch (checker) {
            case TcpCheck t -> t.schedule();
            case HttpGetCheck h -> h.schedule();
            case MiscCheck m -> m.schedule();
            case PingCheck p -> p.schedule();
            case DnsCheck d -> d.schedule();
            case SmtpCheck s -> s.schedule();
            case UdpCheck u -> u.schedule();
            case FileCheck f -> throw new AssertionError("no schedule");
            case BfdCheck b -> throw new AssertionError("no schedule");
        };
    }

    @Test
    void virtualServerDefaults() {
        KeepalivedConfig config = Configs.valid("virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n");
        VirtualServer vs = config.virtualServers().getFirst();
        assertThat(vs.scheduler()).isEqualTo("wlc");
        assertThat(vs.forwarding()).isEqualTo(Forwarding.NAT);
        assertThat(vs.protocol()).contains(Protocol.UDP);
        assertThat(vs.checkDefaults()).isEqualTo(CheckDefaults.DEFAULTS);
        assertThat(vs.quorum()).isEqualTo(Quorum.DEFAULT);
        assertThat(vs.persistence()).isEmpty();
        assertThat(vs.smtpAlert()).isFalse();
        assertThat(vs.weight()).isEqualTo(1);
        RealServer rs = vs.realServers().getFirst();
        assertThat(rs.weight()).isEqualTo(1);
        assertThat(rs.smtpAlert()).isTrue();
        assertThat(rs.forwarding()).isEqualTo(Forwarding.NAT);
        TcpCheck tcp = (TcpCheck) rs.checkers().getFirst();
        assertThat(tcp.connection().connectIp()).isEqualTo(InetAddress.ofLiteral("10.0.0.2"));
        assertThat(tcp.connection().connectPort()).isEqualTo(80);
        assertThat(tcp.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tcp.schedule()).isEqualTo(new CheckSchedule(Duration.ofSeconds(60), Duration.ofSeconds(60), 1, Duration.ofSeconds(1), false, false));
    }

    @Test
    void retryAndDelayBeforeRetryDependOnTheCheckerKind() {
        record Expect(String block, int retry, Duration delayBeforeRetry) {
        }
        for (Expect e : new Expect[] {
            new Expect("TCP_CHECK {\n}", 1, Duration.ofSeconds(1)),
            new Expect("HTTP_GET {\n url {\n  path /\n }\n}", 1, Duration.ofSeconds(3)),
            new Expect("SSL_GET {\n url {\n  path /\n }\n}", 1, Duration.ofSeconds(3)),
            new Expect("MISC_CHECK {\n misc_path /bin/true\n}", 0, Duration.ofSeconds(1)),
            new Expect("DNS_CHECK {\n}", 3, Duration.ofSeconds(60)),
            new Expect("PING_CHECK {\n}", 1, Duration.ofSeconds(1)),
            new Expect("SMTP_CHECK {\n}", 1, Duration.ofSeconds(1)),
            new Expect("UDP_CHECK {\n}", 1, Duration.ofSeconds(1))}) {
            KeepalivedConfig config = Configs.valid(Configs.virtualServer("", e.block()));
            CheckSchedule schedule = schedule(onlyChecker(config));
            assertThat(schedule.retry()).as(e.block()).isEqualTo(e.retry());
            assertThat(schedule.delayBeforeRetry()).as(e.block()).isEqualTo(e.delayBeforeRetry());
        }
    }

    @Test
    void timingIsInheritedVirtualServerThenRealServerThenChecker() {
        String vs = " delay_loop 10\n connect_timeout 4\n retry 5\n delay_before_retry 6\n warmup 7";
        KeepalivedConfig fromVs = Configs.valid(Configs.virtualServer(vs, "  TCP_CHECK {\n  }"));
        TcpCheck a = (TcpCheck) onlyChecker(fromVs);
        assertThat(a.schedule()).isEqualTo(new CheckSchedule(Duration.ofSeconds(10), Duration.ofSeconds(7), 5, Duration.ofSeconds(6), false, false));
        assertThat(a.connection().connectTimeout()).hasSeconds(4);

        String rs = "  delay_loop 20\n  connect_timeout 2.5\n  retry 2\n  delay_before_retry 1.5\n  warmup 0\n  TCP_CHECK {\n  }";
        TcpCheck b = (TcpCheck) onlyChecker(Configs.valid(Configs.virtualServer(vs, rs)));
        assertThat(b.schedule()).isEqualTo(new CheckSchedule(Duration.ofSeconds(20), Duration.ZERO, 2, Duration.ofMillis(1500), false, false));
        assertThat(b.connection().connectTimeout()).isEqualTo(Duration.ofMillis(2500));

        String checker = "  TCP_CHECK {\n   delay_loop 0.5\n   connect_timeout 1\n   retry 0\n   delay_before_retry 0\n  }";
        TcpCheck c = (TcpCheck) onlyChecker(Configs.valid(Configs.virtualServer(vs, rs.replace("  TCP_CHECK {\n  }", checker))));
        assertThat(c.schedule()).isEqualTo(new CheckSchedule(Duration.ofMillis(500), Duration.ZERO, 0, Duration.ZERO, false, false));
        assertThat(c.connection().connectTimeout()).hasSeconds(1);
    }

    @Test
    void warmupDefaultsToTheCheckersOwnDelayLoop() {
        TcpCheck tcp = (TcpCheck) onlyChecker(Configs.valid(Configs.virtualServer(" delay_loop 10", "  TCP_CHECK {\n   delay_loop 3\n  }")));
        assertThat(tcp.schedule().warmup()).hasSeconds(3);
    }

    @Test
    void dnsDelayBeforeRetryIsItsDelayLoop() {
        DnsCheck dns = (DnsCheck) onlyChecker(Configs.valid(Configs.virtualServer("", "  DNS_CHECK {\n   delay_loop 12\n  }")));
        assertThat(dns.schedule().delayBeforeRetry()).hasSeconds(12);
        assertThat(dns.type()).isEqualTo("SOA");
        assertThat(dns.name()).isEqualTo(".");
    }

    @Test
    void connectPortDefaultsToTheRealServersPortAndIpToItsAddress() {
        String config = "virtual_server 10.0.0.1 8080 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 10.0.0.2 {\n  TCP_CHECK {\n  }\n }\n"
                + " real_server 10.0.0.3 9090 {\n  TCP_CHECK {\n   connect_ip 10.0.0.9\n  }\n }\n}\n";
        VirtualServer vs = Configs.valid(config).virtualServers().getFirst();
        TcpCheck first = (TcpCheck) vs.realServers().get(0).checkers().getFirst();
        TcpCheck second = (TcpCheck) vs.realServers().get(1).checkers().getFirst();
        assertThat(vs.realServers().get(0).port()).isEqualTo(8080);
        assertThat(first.connection().connectPort()).isEqualTo(8080);
        assertThat(second.connection().connectIp()).isEqualTo(InetAddress.ofLiteral("10.0.0.9"));
        assertThat(second.connection().connectPort()).isEqualTo(9090);
    }

    @Test
    void weightAlphaAndInhibitComeFromTheVirtualServer() {
        KeepalivedConfig config = Configs.valid(Configs.virtualServer(" weight 4\n alpha\n inhibit_on_failure", "  TCP_CHECK {\n  }"));
        RealServer rs = config.virtualServers().getFirst().realServers().getFirst();
        assertThat(rs.weight()).isEqualTo(4);
        assertThat(rs.alpha()).isTrue();
        assertThat(rs.inhibitOnFailure()).isTrue();
        assertThat(((TcpCheck) rs.checkers().getFirst()).schedule().alpha()).isTrue();
    }

    @Test
    void virtualhostComesFromUrlThenCheckerThenRealServerThenVirtualServer() {
        String rs = "  virtualhost rs.example\n  HTTP_GET {\n   url {\n    path /a\n   }\n   url {\n    path /b\n    virtualhost url.example\n   }\n  }";
        HttpGetCheck http = (HttpGetCheck) onlyChecker(Configs.valid(Configs.virtualServer(" virtualhost vs.example", rs)));
        assertThat(http.virtualhost()).contains("rs.example");
        assertThat(http.urls()).extracting(UrlCheck::virtualhost).containsExactly(java.util.Optional.of("rs.example"),
                java.util.Optional.of("url.example"));
        assertThat(http.urls().getFirst().statusCodes()).containsExactly(StatusCodeRange.DEFAULT);
        assertThat(http.httpProtocol()).isEqualTo("1.0");
    }

    @Test
    void miscTimeoutDefaultsToTheVirtualServersDelayLoop() {
        MiscCheck misc = (MiscCheck) onlyChecker(Configs.valid(Configs.virtualServer(" delay_loop 9", "  delay_loop 4\n  MISC_CHECK {\n   misc_path /bin/true\n  }")));
        assertThat(misc.timeout()).hasSeconds(9);
        assertThat(misc.schedule().delayLoop()).hasSeconds(4);
    }

    @Test
    void vrrpInstanceDefaults() {
        VrrpInstance vi = Configs.clean("vrrp_instance VI {\n interface eth0\n virtual_router_id 7\n}\n").vrrpInstances().getFirst();
        assertThat(vi.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi.priority()).isEqualTo(100);
        assertThat(vi.advertInt()).isEqualTo(Duration.ofSeconds(1));
        assertThat(vi.version()).isEqualTo(2);
        assertThat(vi.preempt()).isTrue();
        assertThat(vi.preemptDelay()).isZero();
        assertThat(vi.garp()).isEqualTo(GarpSettings.DEFAULTS);
        assertThat(vi.smtpAlert()).isFalse();
        assertThat(vi.authentication()).isEmpty();
    }

    @Test
    void vrrpInstanceTakesGlobalDefaults() {
        String text = "global_defs {\n vrrp_version 3\n vrrp_garp_master_delay 8\n vrrp_garp_master_repeat 2\n smtp_alert_vrrp on\n}\n"
                + "vrrp_instance VI {\n interface eth0\n virtual_router_id 7\n garp_master_repeat 4\n}\n";
        VrrpInstance vi = Configs.clean(text).vrrpInstances().getFirst();
        assertThat(vi.version()).isEqualTo(3);
        assertThat(vi.garp()).isEqualTo(new GarpSettings(Duration.ofSeconds(8), 4, Duration.ofSeconds(8), 2, Duration.ZERO, 1));
        assertThat(vi.smtpAlert()).isTrue();
    }

    @Test
    void ipv6VirtualAddressesMeanVersion3() {
        VrrpInstance vi = Configs.clean("vrrp_instance VI {\n interface eth0\n virtual_router_id 7\n virtual_ipaddress {\n  2001:db8::1/64\n }\n}\n")
                .vrrpInstances().getFirst();
        assertThat(vi.version()).isEqualTo(3);
        assertThat(vi.virtualIpAddresses().getFirst().cidr()).isEqualTo("2001:db8::1/64");
    }

    @Test
    void vrrpScriptDefaults() {
        VrrpScript s = Configs.clean("vrrp_script chk {\n script \"/bin/check x\"\n interval 4\n}\n").vrrpScripts().getFirst();
        assertThat(s.interval()).hasSeconds(4);
        assertThat(s.timeout()).hasSeconds(4);
        assertThat(s.weight()).isZero();
        assertThat(s.rise()).isEqualTo(1);
        assertThat(s.fall()).isEqualTo(1);
        assertThat(s.script()).isEqualTo("/bin/check x");
    }

    @Test
    void globalDefaults() {
        GlobalDefs g = Configs.clean("").globalDefs();
        assertThat(g.smtpConnectTimeout()).hasSeconds(30);
        assertThat(g.vrrpVersion()).isEqualTo(2);
        assertThat(g.vrrpMcastGroup4()).isEqualTo(InetAddress.ofLiteral("224.0.0.18"));
        assertThat(g.vrrpMcastGroup6()).isEqualTo(InetAddress.ofLiteral("ff02::12"));
        assertThat(g.vrrpGarp()).isEqualTo(GarpSettings.DEFAULTS);
        assertThat(g.lvsTimeouts()).isEqualTo(LvsTimeouts.UNSET);
        assertThat(Configs.clean("global_defs {\n smtp_server 10.0.0.25\n}\n").globalDefs().smtpServer()).contains(new SmtpServer("10.0.0.25", 25));
    }

    @Test
    void persistenceWithoutValueIsSixMinutes() {
        VirtualServer vs = Configs.valid(Configs.virtualServer(" persistence_timeout", "  TCP_CHECK {\n  }")).virtualServers().getFirst();
        assertThat(vs.persistence()).map(Persistence::timeout).contains(Duration.ofMinutes(6));
        VirtualServer byGranularity = Configs.valid(Configs.virtualServer(" persistence_granularity 255.255.255.0", "  TCP_CHECK {\n  }"))
                .virtualServers().getFirst();
        assertThat(byGranularity.persistence()).map(Persistence::timeout).contains(Duration.ofMinutes(6));
    }
}
