package org.bascule.app.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;
import org.bascule.vrrp.codec.AdvertAuth;
import org.bascule.vrrp.codec.VrrpVersion;
import org.bascule.vrrp.io.GroupConfig;
import org.bascule.vrrp.io.InstanceConfig;
import org.bascule.vrrp.io.TrackRef;
import org.bascule.vrrp.io.VirtualAddress;
import org.junit.jupiter.api.Test;

/** keepalived.conf's VRRP blocks as the engine will run them. */
class VrrpMappingTest {

    private static VrrpPlan plan(String text) {
        ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse("test.conf", text);
        assertThat(parsed.errors()).as(parsed.formatDiagnostics()).isEmpty();
        return VrrpMapping.plan(parsed.config());
    }

    @Test
    void theTutorialsPairMapsToTwoV2InstancesWithPassAuth() {
        for (String seed : List.of("seed1-fixed.conf", "seed1-backup.conf")) {
            ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse(Path.of("../bascule-config/src/test/resources/keepalived/" + seed));
            VrrpPlan p = VrrpMapping.plan(parsed.config());
            assertThat(p.notes()).noneMatch(n -> n.isError());
            InstanceConfig i = p.setup().instances().getFirst();
            assertThat(i.name()).isEqualTo("linuxfr");
            assertThat(i.interfaceName()).isEqualTo("eth0");
            assertThat(i.spec().vrid()).isEqualTo(51);
            assertThat(i.spec().basePriority()).isEqualTo(100);
            assertThat(i.spec().version()).isEqualTo(VrrpVersion.V2);
            assertThat(i.auth()).isEqualTo(AdvertAuth.SimpleText.of("1111"));
            assertThat(i.smtpAlert()).isTrue();
            assertThat(i.addresses()).extracting(VirtualAddress::toString).containsExactly("192.168.2.9/32 dev eth0");
            assertThat(p.setup().groups()).extracting(GroupConfig::name).containsExactly("VG1");
            assertThat(p.setup().smtp()).hasValueSatisfying(s -> {
                assertThat(s.host()).isEqualTo("relayhost.example.com");
                assertThat(s.port()).isEqualTo(25);
                assertThat(s.routerId()).isEqualTo("LVS");
                assertThat(s.to()).containsExactly("georgette@example.com");
                assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
            });
        }
    }

    @Test
    void everyVrrpKeywordReachesTheEngine() throws Exception {
        VrrpPlan p = plan("""
                vrrp_script chk_web {
                    script "/usr/bin/curl -sf http://127.0.0.1/"
                    interval 2
                    weight -30
                    rise 2
                    fall 3
                }
                track_file maint {
                    file /run/maint
                    weight -1
                }
                vrrp_instance V6 {
                    interface eth1
                    virtual_router_id 9
                    priority 200
                    advert_int 0.1
                    nopreempt
                    preempt_delay 5
                    unicast_src_ip fe80::1
                    unicast_peer {
                        fe80::2
                    }
                    virtual_ipaddress {
                        2001:db8::10/64 dev eth2 label eth2:v scope link
                    }
                    virtual_ipaddress_excluded {
                        2001:db8::11/64
                    }
                    virtual_routes {
                        2001:db8:1::/48 via 2001:db8::1
                    }
                    track_script {
                        chk_web
                    }
                    track_interface {
                        eth3 weight 10
                    }
                    track_file {
                        maint
                    }
                    dont_track_primary
                    notify "/etc/notify.sh x"
                    garp_master_refresh 60
                }
                """);
        InstanceConfig i = p.setup().instances().getFirst();
        assertThat(i.ipv6()).isTrue();
        assertThat(i.spec().version()).isEqualTo(VrrpVersion.V3);
        assertThat(i.spec().advertInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(i.spec().preempt()).isFalse();
        assertThat(i.spec().preemptDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(i.sourceAddress()).contains(InetAddress.getByName("fe80::1"));
        assertThat(i.unicastPeers()).containsExactly(InetAddress.getByName("fe80::2"));
        assertThat(i.multicastGroup()).isEqualTo(InetAddress.getByName("ff02::12"));
        assertThat(i.addresses()).containsExactly(new VirtualAddress(InetAddress.getByName("2001:db8::10"), 64, "eth2", 253, Optional.of("eth2:v")));
        assertThat(i.excluded()).extracting(VirtualAddress::device).containsExactly("eth1");
        assertThat(i.routes()).singleElement().satisfies(r -> {
            assertThat(r.prefixLength()).isEqualTo(48);
            assertThat(r.gateway()).contains(InetAddress.getByName("2001:db8::1"));
        });
        assertThat(i.tracking()).containsExactly(new TrackRef.Interface("eth3", 10, false), new TrackRef.Script("chk_web", -30, false),
                new TrackRef.File("maint", -1, false));
        assertThat(i.dontTrackPrimary()).isTrue();
        assertThat(i.notifyScripts().any()).contains("/etc/notify.sh x");
        assertThat(i.spec().garp().masterRefresh()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.setup().scripts()).singleElement().satisfies(s -> {
            assertThat(s.command()).isEqualTo("/usr/bin/curl -sf http://127.0.0.1/");
            assertThat(s.interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(s.rise()).isEqualTo(2);
            assertThat(s.fall()).isEqualTo(3);
        });
    }

    @Test
    void whatBasculeCannotRunIsAnErrorWithItsLine() {
        VrrpPlan p = plan("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    authentication {
                        auth_type AH
                        auth_pass x
                    }
                    virtual_ipaddress {
                        10.77.0.1
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 2
                    advert_int 0.5
                    virtual_ipaddress {
                        10.77.0.2
                    }
                }
                """);
        assertThat(p.setup().instances()).isEmpty();
        assertThat(p.notes()).extracting(d -> d.format()).containsExactly(
                "test.conf:4:5: error: auth_type not supported by Bascule 'AH' (expected: PASS, or no authentication)",
                "test.conf:12:1: error: advert_int with a fraction of a second in VRRPv2 '0.5' (expected: whole seconds, or 'version 3' for centiseconds (RFC 5798))");
    }

    @Test
    void notifyMasterRxLowerPriReachesTheEngineAndGarpSpacingIsAWarningWithItsLine() {
        VrrpPlan p = plan("""
                global_defs {
                    vrrp_garp_interval 0.5
                    vrrp_gna_interval 0.25
                }
                garp_group {
                    garp_interval 1
                    interface eth0
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    priority 100
                    notify_master_rx_lower_pri "/etc/lower.sh now"
                    virtual_ipaddress {
                        10.77.0.10/24
                    }
                }
                """);
        assertThat(p.setup().instances().getFirst().notifyScripts().lowerPriorityCommand()).contains(List.of("/etc/lower.sh", "now"));
        assertThat(p.notes()).noneMatch(n -> n.isError());
        assertThat(p.notes()).filteredOn(n -> n.message().contains("vrrp_garp_interval")).singleElement()
                .satisfies(n -> assertThat(n.pos().line()).isEqualTo(1)).satisfies(n -> assertThat(n.format()).contains("test.conf:1"));
        assertThat(p.notes()).filteredOn(n -> n.message().contains("vrrp_gna_interval")).hasSize(1);
        assertThat(p.notes()).filteredOn(n -> n.message().contains("garp_group garp_interval")).singleElement()
                .satisfies(n -> assertThat(n.pos().line()).isEqualTo(6));
    }
}
