package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** virtual_server, virtual_server_group and real_server, keyword by keyword. */
class VirtualServerTest {

    private static VirtualServer vs(String vsLines, String rsLines) {
        return Configs.valid(Configs.virtualServer(vsLines, rsLines)).virtualServers().getFirst();
    }

    @Test
    void theThreeAddressForms() {
        String text = """
                virtual_server_group G {
                  10.0.0.1 80
                }
                virtual_server 10.0.0.1 80 {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 10.0.0.2 80 {
                  }
                }
                virtual_server fwmark 5 {
                  lb_algo rr
                  lb_kind DR
                  real_server 10.0.0.2 {
                  }
                }
                virtual_server group G {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 10.0.0.2 80 {
                  }
                }
                """;
        KeepalivedConfig config = Configs.clean(text);
        assertThat(config.virtualServers()).extracting(VirtualServer::address).containsExactly(
                new VirtualServerAddress.Endpoint(InetAddress.ofLiteral("10.0.0.1"), 80),
                new VirtualServerAddress.Fwmark(5),
                new VirtualServerAddress.Group("G"));
        assertThat(config.virtualServers()).extracting(VirtualServer::name).containsExactly("10.0.0.1 80", "fwmark 5", "group G");
        assertThat(config.virtualServers().get(1).protocol()).isEmpty();
        assertThat(config.virtualServers().get(1).realServers().getFirst().port()).isZero();
    }

    @Test
    void typedVirtualServerKeywords() {
        VirtualServer v = vs("""
                 delay_loop 3
                 persistence_timeout 120
                 persistence_granularity 255.255.255.0
                 persistence_engine sip
                 quorum 2
                 hysteresis 1
                 quorum_up "/bin/up now" root
                 quorum_down /bin/down
                 virtualhost www.example.com
                 alpha
                 omega
                 ha_suspend
                 inhibit_on_failure
                 smtp_alert
                 ip_family inet
                 weight 3
                 sorry_server 10.0.0.9 8080
                 sorry_server_inhibit
                 sorry_server_lvs_method DR
                 snmp_name web
                """, "  weight 2\n TCP_CHECK {\n }");
        assertThat(v.checkDefaults().delayLoop()).hasSeconds(3);
        assertThat(v.persistence()).contains(new Persistence(Duration.ofSeconds(120), Optional.of("255.255.255.0"), Optional.of("sip")));
        assertThat(v.quorum().quorum()).isEqualTo(2);
        assertThat(v.quorum().hysteresis()).isEqualTo(1);
        assertThat(v.quorum().up()).flatMap(NotifyScript::user).map(ScriptUser::user).contains("root");
        assertThat(v.virtualhost()).contains("www.example.com");
        assertThat(v.alpha()).isTrue();
        assertThat(v.omega()).isTrue();
        assertThat(v.haSuspend()).isTrue();
        assertThat(v.inhibitOnFailure()).isTrue();
        assertThat(v.smtpAlert()).isTrue();
        assertThat(v.ipFamily()).contains(IpFamily.INET);
        assertThat(v.weight()).isEqualTo(3);
        assertThat(v.sorryServer()).map(s -> s.address().getHostAddress() + ":" + s.port() + " " + s.inhibit() + " " + s.forwarding().kind())
                .contains("10.0.0.9:8080 true DR");
        assertThat(v.snmpName()).contains("web");
        assertThat(v.realServers().getFirst().weight()).isEqualTo(2);
    }

    @Test
    void schedulerFlagsFollowTheScheduler() {
        VirtualServer sh = Configs.clean(Configs.virtualServer(" sh-port\n sh-fallback\n flag-3", "").replace("lb_algo rr", "lb_algo sh")
                .replace("protocol TCP", "protocol UDP\n ops")).virtualServers().getFirst();
        assertThat(sh.schedulerFlags()).containsExactlyInAnyOrder(SchedulerFlag.FLAG_2, SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_3,
                SchedulerFlag.ONE_PACKET);
        assertThat(Configs.diagnostics(Configs.virtualServer(" mh-port", ""))).contains(
                "test.conf:5:2: warning: scheduler flag ignored by rr 'mh-port' (expected: lb_algo mh for mh-port)");
        assertThat(Configs.diagnostics(Configs.virtualServer(" ops", ""))).contains(
                "test.conf:1:1: warning: ops (one-packet scheduling) needs UDP, ignored in '10.0.0.1 80' (expected: ops only with protocol UDP)");
    }

    @Test
    void tunnelOptions() {
        VirtualServer v = Configs.clean(Configs.virtualServer("", "").replace("lb_kind NAT", "lb_kind TUN type gue port 5555 csum"))
                .virtualServers().getFirst();
        assertThat(v.forwarding()).isEqualTo(new Forwarding(LbKind.TUN, Optional.of(new Tunnel("gue", OptionalInt.of(5555), "csum"))));
        assertThat(Configs.diagnostics(Configs.virtualServer("", "").replace("lb_kind NAT", "lb_kind TUN type gue"))).contains(
                "test.conf:3:14: error: tunnel port mismatch at 'type' (expected: a port with type gue, and no port with ipip or gre)");
        assertThat(Configs.diagnostics(Configs.virtualServer("", "").replace("lb_kind NAT", "lb_kind DR type gre"))).contains(
                "test.conf:3:13: error: tunnel option without TUN 'type' (expected: lb_kind NAT|DR alone, or lb_kind TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum])");
    }

    @Test
    void realServerKeywordsAndInheritance() {
        VirtualServer v = vs(" inhibit_on_failure\n virtualhost vs.example", """
                  lvs_method TUN
                  uthreshold 1000
                  lthreshold 10
                  inhibit_on_failure off
                  notify_up "/bin/rs up"
                  notify_down /bin/rs_down
                  alpha
                  smtp_alert no
                  snmp_name rs
                """);
        RealServer rs = v.realServers().getFirst();
        assertThat(rs.forwarding().kind()).isEqualTo(LbKind.TUN);
        assertThat(rs.upperThreshold()).isEqualTo(OptionalLong.of(1000));
        assertThat(rs.lowerThreshold()).isEqualTo(OptionalLong.of(10));
        assertThat(rs.inhibitOnFailure()).isFalse();
        assertThat(rs.notifyUp()).map(NotifyScript::command).contains("/bin/rs up");
        assertThat(rs.notifyDown()).map(NotifyScript::command).contains("/bin/rs_down");
        assertThat(rs.alpha()).isTrue();
        assertThat(rs.smtpAlert()).isFalse();
        assertThat(rs.virtualhost()).contains("vs.example");
        assertThat(rs.snmpName()).contains("rs");
    }

    @Test
    void portsOfDirectRoutingFollowTheVirtualServer() {
        String text = Configs.virtualServer("", "").replace("lb_kind NAT", "lb_kind DR").replace("real_server 10.0.0.2 80", "real_server 10.0.0.2 8080");
        assertThat(Configs.diagnostics(text)).containsExactly("test.conf:6:2: warning: real_server port differs from the virtual_server's with DR"
                + " '8080' (expected: port 80: DR/TUN cannot change ports; 80 is used, as keepalived does)");
        assertThat(Configs.parse(text).config().virtualServers().getFirst().realServers().getFirst().port()).isEqualTo(80);
    }

    @Test
    void duplicateRealServersAndFamilyMismatch() {
        String text = Configs.virtualServer("", "").replace(" real_server 10.0.0.2 80 {\n\n }",
                " real_server 10.0.0.2 80 {\n }\n real_server 10.0.0.2 80 {\n }\n real_server 2001:db8::2 80 {\n }");
        assertThat(Configs.diagnostics(text)).containsExactly(
                "test.conf:8:2: warning: duplicate real_server '10.0.0.2 80' (expected: each real_server once; the second is ignored, as keepalived does)",
                "test.conf:10:2: error: real_server of another address family than its virtual_server '2001:db8::2' (expected: an address of the family of 10.0.0.1, or lvs_method TUN)");
    }

    @Test
    void quorumAndHysteresisAreClampedAsKeepalivedDoes() {
        VirtualServer v = Configs.parse(Configs.virtualServer(" quorum 10\n hysteresis 5", "  weight 3")).config().virtualServers().getFirst();
        assertThat(v.quorum().quorum()).isEqualTo(3);
        assertThat(v.quorum().hysteresis()).isEqualTo(2);
    }

    @Test
    void zeroPortMakesTheServicePersistent() {
        String text = "virtual_server 10.0.0.1 {\n lb_algo rr\n lb_kind DR\n protocol TCP\n real_server 10.0.0.2 {\n }\n}\n";
        assertThat(Configs.diagnostics(text)).containsExactly("test.conf:1:1: warning: no port in virtual_server '10.0.0.1 0'"
                + " (expected: a port, or persistence_timeout; made persistent for 360 s, as keepalived does)");
        assertThat(Configs.parse(text).config().virtualServers().getFirst().persistence()).map(Persistence::timeout).contains(Duration.ofMinutes(6));
    }

    @Test
    void virtualServerGroupEntries() {
        String text = """
                virtual_server_group G {
                  192.168.200.1-10 80
                  192.168.200.250-192.168.201.10 443
                  192.168.202.8/29
                  2001:db8::1-ff 80
                  fwmark 7 inet6
                }
                """;
        VirtualServerGroup g = Configs.clean(text).virtualServerGroups().getFirst();
        assertThat(g.entries()).hasSize(5);
        var r1 = (VirtualServerGroupEntry.AddressRange) g.entries().get(0);
        assertThat(r1.last()).isEqualTo(InetAddress.ofLiteral("192.168.200.10"));
        assertThat(r1.port()).isEqualTo(OptionalInt.of(80));
        var r3 = (VirtualServerGroupEntry.AddressRange) g.entries().get(2);
        assertThat(r3.first()).isEqualTo(InetAddress.ofLiteral("192.168.202.8"));
        assertThat(r3.last()).isEqualTo(InetAddress.ofLiteral("192.168.202.15"));
        assertThat(r3.port()).isEmpty();
        var r4 = (VirtualServerGroupEntry.AddressRange) g.entries().get(3);
        assertThat(r4.last()).isEqualTo(InetAddress.ofLiteral("2001:db8::ff"));
        assertThat(g.entries().get(4)).isEqualTo(new VirtualServerGroupEntry.Fwmark(g.entries().get(4).pos(), 7, Optional.of(IpFamily.INET6)));
        assertThat(Configs.diagnostics("virtual_server_group G {\n 10.0.0.9-1 80\n}\n")).containsExactly(
                "test.conf:1:1: error: no entry in virtual_server_group 'G' (expected: IP [PORT] or fwmark N lines in the block)",
                "test.conf:2:2: error: invalid virtual_server_group range '10.0.0.9-1' (expected: IP, A.B.C.D-E, A.B.C.D-E.F.G.H or IP/LEN"
                        + " (IPv6 alike), first address not above the last)");
    }
}
