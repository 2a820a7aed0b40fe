package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.junit.jupiter.api.Test;

/**
 * The keepalived configurations printed in ../shared/seeds: the LinuxFr LVS tutorial
 * (000_*.txt) and the multi-tier design (001_*.txt), kept in src/test/resources/keepalived.
 */
class SeedConfigurationsTest {

    private static final Path DIR = Path.of("src/test/resources/keepalived");

    private static ParseResult<KeepalivedConfig> parse(String name) {
        return KeepalivedParser.parse(DIR.resolve(name), Configs.OPTIONS);
    }

    private static List<String> formatted(ParseResult<KeepalivedConfig> result) {
        return result.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void tutorialAsPrintedHasOneClosingBraceTooMany() {
        ParseResult<KeepalivedConfig> result = parse("seed1.conf");
        assertThat(result.errors()).extracting(Diagnostic::format).containsExactly(DIR.resolve("seed1.conf")
                + ":54:1: error: unexpected '}' (no block is open here; the block 'virtual_server 192.168.10.9 80'"
                + " opened at line 31 was already closed at line 52)");
        // Everything else is still read.
        assertThat(result.config().virtualServers()).hasSize(2);
        assertThat(result.config().vrrpInstances()).hasSize(1);
    }

    @Test
    void correctedTutorialHasNoError() {
        ParseResult<KeepalivedConfig> result = parse("seed1-fixed.conf");
        assertThat(result.hasErrors()).isFalse();
        // Both warnings say what keepalived itself logs for this file (keepalived -t).
        assertThat(formatted(result)).containsExactly(
                DIR.resolve("seed1-fixed.conf") + ":11:1: warning: vrrp_sync_group with a single member 'VG1'"
                        + " (expected: at least two vrrp_instances; a group of one synchronises nothing)",
                DIR.resolve("seed1-fixed.conf") + ":56:1: warning: quorum 30 exceeds the total weight 3 of the real servers of"
                        + " '192.168.10.10 80' (expected: a quorum of at most 3; lowered to 3 as keepalived does)");
    }

    @Test
    void tutorialModel() throws Exception {
        KeepalivedConfig config = parse("seed1-fixed.conf").config();
        GlobalDefs global = config.globalDefs();
        assertThat(global.notificationEmail()).containsExactly("georgette@example.com");
        assertThat(global.notificationEmailFrom()).contains("lvs@example.com");
        assertThat(global.smtpServer()).contains(new SmtpServer("relayhost.example.com", 25));
        assertThat(global.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(global.routerId()).contains("LVS");

        assertThat(config.vrrpSyncGroups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("VG1");
            assertThat(g.group()).containsExactly("linuxfr");
        });
        VrrpInstance linuxfr = config.vrrpInstance("linuxfr").orElseThrow();
        assertThat(linuxfr.state()).isEqualTo(VrrpState.MASTER);
        assertThat(linuxfr.interfaceName()).contains("eth0");
        assertThat(linuxfr.smtpAlert()).isTrue();
        assertThat(linuxfr.virtualRouterId()).isEqualTo(51);
        assertThat(linuxfr.authentication()).map(Authentication::type).contains(AuthType.PASS);
        assertThat(linuxfr.authentication()).map(Authentication::password).contains("1111");
        assertThat(linuxfr.virtualIpAddresses()).extracting(VirtualIpAddress::cidr).containsExactly("192.168.2.9/32");

        VirtualServer first = config.virtualServers().getFirst();
        assertThat(first.address()).isEqualTo(new VirtualServerAddress.Endpoint(InetAddress.ofLiteral("192.168.10.9"), 80));
        assertThat(first.scheduler()).isEqualTo("rr");
        assertThat(first.forwarding().kind()).isEqualTo(LbKind.DR);
        assertThat(first.protocol()).contains(Protocol.TCP);
        assertThat(first.checkDefaults().delayLoop()).isEqualTo(Duration.ofSeconds(6));
        assertThat(first.realServers()).extracting(rs -> rs.address().getHostAddress()).containsExactly("192.168.10.98", "192.168.10.85");
        TcpCheck tcp = (TcpCheck) first.realServers().getFirst().checkers().getFirst();
        assertThat(tcp.connection().connectPort()).isEqualTo(80);
        assertThat(tcp.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tcp.schedule().delayLoop()).isEqualTo(Duration.ofSeconds(6));

        VirtualServer second = config.virtualServers().get(1);
        assertThat(second.persistence()).map(Persistence::timeout).contains(Duration.ofSeconds(60));
        assertThat(second.virtualhost()).contains("supervision.fr.local");
        assertThat(second.quorum().quorum()).isEqualTo(3);
        assertThat(second.quorum().hysteresis()).isEqualTo(2);
        assertThat(second.quorum().up()).map(NotifyScript::command).contains("/usr/local/bin/notify.pl qourum up");
        assertThat(second.quorum().down()).map(NotifyScript::command).contains("/usr/local/bin/start_spare_vm.pl");
        assertThat(second.sorryServer()).map(s -> s.address().getHostAddress() + " " + s.port()).contains("192.168.10.55 80");
        HttpGetCheck http = (HttpGetCheck) second.realServers().getFirst().checkers().getFirst();
        assertThat(http.ssl()).isFalse();
        assertThat(http.virtualhost()).contains("supervision.fr.local");
        assertThat(http.urls()).singleElement().satisfies(url -> {
            assertThat(url.path()).isEqualTo("/test_vie.php");
            assertThat(url.digest()).contains("5f1a4b7e269b7f5ddf6bbce06856c1e8");
            assertThat(url.statusCodes()).containsExactly(new StatusCodeRange(200, 200));
            assertThat(url.virtualhost()).contains("supervision.fr.local");
        });
        MiscCheck misc = (MiscCheck) second.realServers().get(2).checkers().getFirst();
        assertThat(misc.path()).isEqualTo("/usr/local/bin/test_ldap.pl 192.168.10.72");
        assertThat(misc.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(misc.dynamic()).isFalse();
    }

    @Test
    void secondaryBalancerStateSlaveIsBackupWithAWarning() {
        ParseResult<KeepalivedConfig> result = parse("seed1-backup.conf");
        assertThat(result.hasErrors()).isFalse();
        assertThat(formatted(result)).contains(DIR.resolve("seed1-backup.conf")
                + ":18:8: warning: unknown state 'SLAVE' (expected: MASTER or BACKUP; taken as BACKUP, as keepalived does)");
        assertThat(result.config().vrrpInstance("linuxfr")).map(VrrpInstance::state).contains(VrrpState.BACKUP);
    }

    @Test
    void multiTierDesignPassesAsWritten() {
        ParseResult<KeepalivedConfig> result = parse("seed2.conf");
        assertThat(result.hasErrors()).isFalse();
        // keepalived ignores sh-port under mh silently; it is the same IPVS flag, so Bascule keeps it and says so.
        assertThat(formatted(result)).containsExactly(DIR.resolve("seed2.conf")
                + ":7:1: warning: scheduler flag of sh used with mh 'sh-port' (expected: mh-port; the same IPVS flag-2 is set)");
        KeepalivedConfig config = result.config();
        VirtualServerGroup group = config.virtualServerGroup("VS_GROUP_MH_IPv6").orElseThrow();
        assertThat(group.entries()).singleElement().isEqualTo(new VirtualServerGroupEntry.AddressRange(group.entries().getFirst().pos(),
                InetAddress.ofLiteral("2001:db8::198.51.100.1"), InetAddress.ofLiteral("2001:db8::198.51.100.1"), java.util.OptionalInt.of(80)));
        VirtualServer vs = config.virtualServers().getFirst();
        assertThat(vs.address()).isEqualTo(new VirtualServerAddress.Group("VS_GROUP_MH_IPv6"));
        assertThat(vs.forwarding()).isEqualTo(new Forwarding(LbKind.TUN, Optional.of(Tunnel.IPIP)));
        assertThat(vs.scheduler()).isEqualTo("mh");
        assertThat(vs.schedulerFlags()).containsExactly(SchedulerFlag.FLAG_2);
        assertThat(vs.protocol()).contains(Protocol.TCP);
        assertThat(vs.checkDefaults().delayLoop()).isEqualTo(Duration.ofSeconds(5));
        assertThat(vs.alpha()).isTrue();
        assertThat(vs.omega()).isTrue();
        assertThat(vs.quorum().up()).map(NotifyScript::command).contains("/bin/touch /etc/lb/v6-ready");
        assertThat(vs.quorum().down()).map(NotifyScript::command).contains("/bin/rm -f /etc/lb/v6-ready");
        RealServer rs = vs.realServers().getFirst();
        assertThat(rs.address()).isEqualTo(InetAddress.ofLiteral("2001:db8::192.0.2.132"));
        assertThat(rs.port()).isEqualTo(80);
        assertThat(rs.weight()).isEqualTo(1);
        assertThat(rs.alpha()).isTrue();
        HttpGetCheck http = (HttpGetCheck) rs.checkers().getFirst();
        assertThat(http.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(http.connection().connectPort()).isEqualTo(80);
        assertThat(http.urls().getFirst().path()).isEqualTo("/healthcheck");
        assertThat(http.schedule().alpha()).isTrue();
        assertThat(http.schedule().delayLoop()).isEqualTo(Duration.ofSeconds(5));
    }
}
