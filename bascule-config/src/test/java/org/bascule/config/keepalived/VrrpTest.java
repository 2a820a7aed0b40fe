package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** vrrp_instance, vrrp_sync_group, vrrp_script and track_file, keyword by keyword. */
class VrrpTest {

    private static VrrpInstance instance(String body) {
        return Configs.clean("vrrp_instance VI {\n interface eth0\n virtual_router_id 51\n" + body + "\n}\n").vrrpInstances().getFirst();
    }

    @Test
    void typedInstanceKeywords() {
        VrrpInstance vi = instance("""
                 state MASTER
                 priority 150
                 advert_int 0.1
                 version 3
                 nopreempt
                 preempt_delay 4.5
                 mcast_src_ip 192.0.2.1
                 unicast_src_ip 192.0.2.1
                 unicast_peer {
                   192.0.2.2
                   192.0.2.3 min_ttl 2 max_ttl 200
                 }
                 garp_master_delay 3
                 garp_master_refresh 30
                 dont_track_primary
                 smtp_alert off
                 no_accept
                """);
        assertThat(vi.state()).isEqualTo(VrrpState.MASTER);
        assertThat(vi.priority()).isEqualTo(150);
        assertThat(vi.advertInt()).isEqualTo(Duration.ofMillis(100));
        assertThat(vi.version()).isEqualTo(3);
        assertThat(vi.preempt()).isFalse();
        assertThat(vi.preemptDelay()).isEqualTo(Duration.ofMillis(4500));
        assertThat(vi.mcastSrcIp()).contains(InetAddress.ofLiteral("192.0.2.1"));
        assertThat(vi.unicastPeers()).extracting(UnicastPeer::address, UnicastPeer::minTtl, UnicastPeer::maxTtl).containsExactly(
                org.assertj.core.groups.Tuple.tuple(InetAddress.ofLiteral("192.0.2.2"), OptionalInt.empty(), OptionalInt.empty()),
                org.assertj.core.groups.Tuple.tuple(InetAddress.ofLiteral("192.0.2.3"), OptionalInt.of(2), OptionalInt.of(200)));
        assertThat(vi.garp().masterDelay()).hasSeconds(3);
        assertThat(vi.garp().masterRefresh()).hasSeconds(30);
        assertThat(vi.dontTrackPrimary()).isTrue();
        assertThat(vi.smtpAlert()).isFalse();
        assertThat(vi.accept()).contains(false);
    }

    @Test
    void virtualAddressesWithTheirOptions() {
        VrrpInstance vi = instance("""
                 virtual_ipaddress {
                   192.168.200.17/24 dev eth1
                   192.168.200.18/24 dev eth2 label eth2:1 scope global brd 192.168.200.255
                   192.168.200.19 brd - no_track home
                 }
                 virtual_ipaddress_excluded {
                   2001:db8::10/64 dev eth0 preferred_lft forever
                 }
                 virtual_routes {
                   192.168.110.0/24 via 192.168.200.254 dev eth1
                 }
                 virtual_rules {
                   from 192.168.2.0/24 table 1
                 }
                """);
        assertThat(vi.virtualIpAddresses()).extracting(VirtualIpAddress::cidr)
                .containsExactly("192.168.200.17/24", "192.168.200.18/24", "192.168.200.19/32");
        VirtualIpAddress second = vi.virtualIpAddresses().get(1);
        assertThat(second.device()).contains("eth2");
        assertThat(second.label()).contains("eth2:1");
        assertThat(second.scope()).contains("global");
        assertThat(second.broadcast()).contains(new Broadcast.Address(InetAddress.ofLiteral("192.168.200.255")));
        VirtualIpAddress third = vi.virtualIpAddresses().get(2);
        assertThat(third.broadcast()).contains(new Broadcast.HostBits(false));
        assertThat(third.flags()).isEqualTo(Set.of("no_track", "home"));
        assertThat(vi.virtualIpAddressesExcluded().getFirst().preferredLifetime()).contains("forever");
        assertThat(vi.virtualRoutes()).extracting(RouteSpec::text).containsExactly("192.168.110.0/24 via 192.168.200.254 dev eth1");
        assertThat(vi.virtualRules()).extracting(RouteSpec::text).containsExactly("from 192.168.2.0/24 table 1");
    }

    @Test
    void mixedFamiliesInVirtualIpaddressAreAnError() {
        assertThat(Configs.diagnostics("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  10.0.0.1\n  2001:db8::1\n }\n}\n"))
                .containsExactly("test.conf:6:3: error: address of another family in virtual_ipaddress '2001:db8::1'"
                        + " (expected: addresses of the family of 10.0.0.1; put the others in virtual_ipaddress_excluded)");
    }

    @Test
    void authenticationKeepsEightCharacters() {
        assertThat(instance(" authentication {\n  auth_type AH\n  auth_pass 1234\n }").authentication())
                .contains(new Authentication(new org.bascule.config.SourcePos("test.conf", 4, 2), AuthType.AH, "1234"));
        assertThat(Configs.diagnostics("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n authentication {\n  auth_pass 123456789\n }\n}\n"))
                .containsExactly("test.conf:5:13: warning: auth_pass longer than 8 characters '123456789'"
                        + " (expected: at most 8 characters; only the first 8 are used, as in keepalived)");
    }

    @Test
    void trackingAndNotifiers() {
        String text = """
                vrrp_script chk {
                  script /bin/true
                }
                track_file tf {
                  file /run/tf
                }
                vrrp_instance VI {
                  interface eth0
                  virtual_router_id 1
                  track_interface {
                    eth1 weight -10
                    eth2
                  }
                  track_script {
                    chk weight 20 reverse
                  }
                  track_file {
                    tf
                  }
                  notify_master "/bin/notify master" root wheel
                  notify /bin/notify
                  notify_deleted
                }
                """;
        VrrpInstance vi = Configs.clean(text).vrrpInstances().getFirst();
        assertThat(vi.tracking().interfaces()).extracting(TrackedRef::name, TrackedRef::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple("eth1", Optional.of(-10)), org.assertj.core.groups.Tuple.tuple("eth2", Optional.empty()));
        assertThat(vi.tracking().scripts()).singleElement().satisfies(t -> {
            assertThat(t.weight()).contains(20);
            assertThat(t.reverse()).isTrue();
        });
        assertThat(vi.tracking().files()).extracting(TrackedRef::name).containsExactly("tf");
        assertThat(vi.notifiers().master()).map(NotifyScript::command).contains("/bin/notify master");
        assertThat(vi.notifiers().master()).flatMap(NotifyScript::user).contains(new ScriptUser("root", Optional.of("wheel")));
        assertThat(vi.notifiers().any()).map(NotifyScript::command).contains("/bin/notify");
        assertThat(vi.notifiers().notifyDeleted()).isTrue();
        assertThat(vi.notifiers().deleted()).isEmpty();
    }

    @Test
    void keptInstanceKeywords() {
        VrrpInstance vi = instance(" use_vmac vrrp.51\n unicast_ttl 10\n strict_mode off");
        assertThat(vi.settings()).containsEntry("use_vmac", List.of("vrrp.51")).containsEntry("unicast_ttl", List.of("10"))
                .containsEntry("strict_mode", List.of("off"));
    }

    @Test
    void syncGroup() {
        String text = """
                vrrp_sync_group VG {
                  group {
                    A
                    B
                  }
                  notify_master /bin/master
                  smtp_alert
                }
                vrrp_instance A {
                  interface eth0
                  virtual_router_id 1
                }
                vrrp_instance B {
                  interface eth1
                  virtual_router_id 2
                }
                """;
        VrrpSyncGroup g = Configs.clean(text).vrrpSyncGroups().getFirst();
        assertThat(g.group()).containsExactly("A", "B");
        assertThat(g.notifiers().master()).map(NotifyScript::command).contains("/bin/master");
        assertThat(g.smtpAlert()).isTrue();
    }

    @Test
    void anInstanceInTwoSyncGroupsIsAnError() {
        String text = "vrrp_sync_group G1 {\n group {\n  A\n  B\n }\n}\nvrrp_sync_group G2 {\n group {\n  A\n  B\n }\n}\n"
                + "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n}\nvrrp_instance B {\n interface eth0\n virtual_router_id 2\n}\n";
        assertThat(Configs.diagnostics(text)).containsExactly(
                "test.conf:9:3: error: vrrp_instance already in vrrp_sync_group G1, listed again 'A' (expected: each vrrp_instance in at most one vrrp_sync_group)",
                "test.conf:10:3: error: vrrp_instance already in vrrp_sync_group G1, listed again 'B' (expected: each vrrp_instance in at most one vrrp_sync_group)");
    }

    @Test
    void scriptAndTrackFile() {
        KeepalivedConfig config = Configs.clean("""
                vrrp_script chk {
                  script "/usr/bin/killall -0 haproxy"
                  interval 2
                  timeout 1
                  weight -30 reverse
                  rise 2
                  fall 3
                  user nobody
                  init_fail
                }
                track_file tf {
                  file "/run/keepalived/tf"
                  weight -5 reverse
                  init_file 7 overwrite
                }
                """);
        VrrpScript s = config.vrrpScripts().getFirst();
        assertThat(s).isEqualTo(new VrrpScript(s.pos(), "chk", "/usr/bin/killall -0 haproxy", Duration.ofSeconds(2), Duration.ofSeconds(1),
                -30, true, 2, 3, Optional.of(new ScriptUser("nobody", Optional.empty())), true));
        TrackFile tf = config.trackFiles().getFirst();
        assertThat(tf).isEqualTo(new TrackFile(tf.pos(), "tf", "/run/keepalived/tf", -5, true, true, 7, true));
    }

    @Test
    void missingPiecesAreReported() {
        assertThat(Configs.diagnostics("vrrp_script s {\n interval 1\n}\ntrack_file t {\n weight 2\n}\nvrrp_sync_group G {\n}\n")).containsExactly(
                "test.conf:1:1: error: no script in vrrp_script 's' (expected: a 'script PATH [ARGS]' line in the block)",
                "test.conf:4:1: error: no file in track_file 't' (expected: a 'file PATH' line in the block)",
                "test.conf:7:1: error: no member in vrrp_sync_group 'G' (expected: a 'group { INSTANCE … }' block naming vrrp_instances)");
    }
}
