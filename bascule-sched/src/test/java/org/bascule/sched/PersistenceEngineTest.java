package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ip_vs_sched_persist, ip_vs_check_template and ip_vs_conn_expire's timer, on a fake clock. */
class PersistenceEngineTest {

    static final long S = 1000;

    static Flow from(String ip, int port) {
        return new Flow(new InetSocketAddress(ip, port), new InetSocketAddress("10.0.0.1", 80));
    }

    final PersistenceEngine<String> engine = new PersistenceEngine<>(PersistenceSettings.of(Duration.ofSeconds(300)));
    final RoundRobinScheduler<String> rr = new RoundRobinScheduler<>();

    String place(DestinationSet<String> set, Flow flow, long now) {
        return engine.schedule(set, flow, rr, now).map(PersistenceTemplate::member).orElse("-");
    }

    @Test
    void aClientKeepsItsServerAcrossConnections() {
        var set = SchedulingTrace.set("A", 1, "B", 1, "C", 1);
        assertThat(place(set, from("192.0.2.1", 1000), 0)).isEqualTo("A");
        assertThat(place(set, from("192.0.2.2", 1000), 0)).isEqualTo("B");
        // another port, later: same server, rr not consulted
        assertThat(place(set, from("192.0.2.1", 2000), 10 * S)).isEqualTo("A");
        assertThat(place(set, from("192.0.2.1", 3000), 20 * S)).isEqualTo("A");
        assertThat(place(set, from("192.0.2.3", 1000), 20 * S)).isEqualTo("C");
    }

    /** A connection that opens at {@code open} and closes at {@code close}. */
    String connect(DestinationSet<String> set, Flow flow, long open, long close) {
        var t = engine.schedule(set, flow, rr, open).orElseThrow();
        t.released(close);
        return t.member();
    }

    @Test
    void templatesExpireTimeoutAfterTheirLastUse() {
        var set = SchedulingTrace.set("A", 1, "B", 1);
        assertThat(connect(set, from("192.0.2.1", 1), 0, 1 * S)).isEqualTo("A");
        assertThat(connect(set, from("192.0.2.9", 1), 1 * S, 2 * S)).isEqualTo("B");
        // used again at 250 s: the timer restarts, alive until 550 s
        assertThat(connect(set, from("192.0.2.1", 2), 250 * S, 251 * S)).isEqualTo("A");
        assertThat(engine.templates(549 * S)).extracting(PersistenceTemplate::member).containsExactly("A");
        assertThat(connect(set, from("192.0.2.1", 3), 549 * S, 550 * S)).isEqualTo("A");
        // last use at 549: expires at 849
        assertThat(engine.templates(848 * S)).hasSize(1);
        assertThat(engine.templates(849 * S)).isEmpty();
    }

    @Test
    void anExpiredTemplateMeansTheSchedulerDecidesAgain() {
        var set = SchedulingTrace.set("A", 1, "B", 1);
        engine.schedule(set, from("192.0.2.1", 1), rr, 0).orElseThrow().released(1 * S);
        assertThat(place(set, from("192.0.2.7", 1), 1 * S)).isEqualTo("B");
        // 192.0.2.1's template died at 300 s: rr's next is A again (after B)
        assertThat(place(set, from("192.0.2.1", 1), 301 * S)).isEqualTo("A");
        assertThat(place(set, from("192.0.2.8", 1), 302 * S)).isEqualTo("B");
        assertThat(place(set, from("192.0.2.1", 1), 700 * S)).isEqualTo("A");
    }

    @Test
    void aTemplateWithOpenConnectionsIsRearmedEverySixtySeconds() {
        var set = SchedulingTrace.set("A", 1, "B", 1);
        var t = engine.schedule(set, from("192.0.2.1", 1), rr, 0).orElseThrow(); // open, timer at 300 s
        assertThat(engine.templates(1000 * S)).hasSize(1);             // still controlling: alive
        assertThat(t.expiresAt()).isEqualTo(1020 * S);                  // 300 + 12 * 60
        t.released(1010 * S);                                          // closes at 1010
        assertThat(engine.templates(1019 * S)).hasSize(1);
        assertThat(engine.templates(1020 * S)).isEmpty();               // the next firing finds none
    }

    @Test
    void closedBeforeTheTimerFiredButAfterAFormerFiringCountsTheRearms() {
        var set = SchedulingTrace.set("A", 1);
        var t = engine.schedule(set, from("192.0.2.1", 1), rr, 0).orElseThrow();
        t.released(400 * S); // fired at 300 with the connection open -> 360 -> 420 finds none
        assertThat(engine.templates(419 * S)).hasSize(1);
        assertThat(engine.templates(420 * S)).isEmpty();
    }

    @Test
    void aDrainedServerKeepsItsPersistentClientsButGetsNoNewOnes() {
        var up = SchedulingTrace.set("A", 1, "B", 1);
        assertThat(place(up, from("192.0.2.1", 1), 0)).isEqualTo("A");
        var drained = SchedulingTrace.set("A", 0, "B", 1);
        assertThat(place(drained, from("192.0.2.1", 2), 1 * S)).isEqualTo("A"); // expire_quiescent_template = 0
        assertThat(place(drained, from("192.0.2.2", 1), 1 * S)).isEqualTo("B");
        assertThat(place(drained, from("192.0.2.3", 1), 1 * S)).isEqualTo("B");
    }

    @Test
    void expireQuiescentDropsTheTemplateOfADrainedServer() {
        var quiescent = new PersistenceEngine<String>(new PersistenceSettings(Duration.ofSeconds(300), ClientGranularity.HOST, true));
        var up = SchedulingTrace.set("A", 1, "B", 1);
        assertThat(quiescent.schedule(up, from("192.0.2.1", 1), rr, 0).orElseThrow().member()).isEqualTo("A");
        var drained = SchedulingTrace.set("A", 0, "B", 1);
        assertThat(quiescent.schedule(drained, from("192.0.2.1", 2), rr, 1).orElseThrow().member()).isEqualTo("B");
    }

    @Test
    void aServerThatLeftTheListInvalidatesItsTemplates() {
        var up = SchedulingTrace.set("A", 1, "B", 1);
        assertThat(place(up, from("192.0.2.1", 1), 0)).isEqualTo("A");
        var failed = SchedulingTrace.set("B", 1);
        assertThat(place(failed, from("192.0.2.1", 2), 1 * S)).isEqualTo("B");
        // back: the client stays on B, its new template
        assertThat(place(SchedulingTrace.set("A", 1, "B", 1), from("192.0.2.1", 3), 2 * S)).isEqualTo("B");
    }

    @Test
    void granularityGroupsClientsOfOneNetwork() {
        var e = new PersistenceEngine<String>(PersistenceSettings.of(Duration.ofSeconds(60))
                .withGranularity(ClientGranularity.parse("255.255.255.0")));
        var set = SchedulingTrace.set("A", 1, "B", 1);
        assertThat(e.schedule(set, from("192.0.2.1", 1), rr, 0).orElseThrow().member()).isEqualTo("A");
        assertThat(e.schedule(set, from("192.0.2.200", 1), rr, 0).orElseThrow().member()).isEqualTo("A");
        assertThat(e.schedule(set, from("192.0.3.1", 1), rr, 0).orElseThrow().member()).isEqualTo("B");
        assertThat(e.templates(0)).extracting(PersistenceTemplate::key)
                .extracting(InetAddress::getHostAddress).containsExactlyInAnyOrder("192.0.2.0", "192.0.3.0");
    }

    @Test
    void noDestinationNoTemplate() {
        assertThat(engine.schedule(SchedulingTrace.set("A", 0), from("192.0.2.1", 1), rr, 0)).isEmpty();
        assertThat(engine.templates(0)).isEmpty();
    }

    @Test
    void granularityParsing() throws Exception {
        assertThat(ClientGranularity.parse("255.255.255.0").ipv4Prefix()).isEqualTo(24);
        assertThat(ClientGranularity.parse("255.255.255.0").ipv4Netmask()).isEqualTo("255.255.255.0");
        assertThat(ClientGranularity.parse("64")).isEqualTo(new ClientGranularity(32, 64));
        assertThat(ClientGranularity.parse("/16")).isEqualTo(new ClientGranularity(16, 16));
        assertThat(ClientGranularity.parse("0.0.0.0").ipv4Netmask()).isEqualTo("0.0.0.0");
        assertThat(ClientGranularity.parse("48").apply(InetAddress.getByName("2001:db8:1:2::5")).getHostAddress())
                .isEqualTo("2001:db8:1:0:0:0:0:0");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientGranularity.parse("255.0.255.0"))
                .withMessage("persistence_granularity: '255.0.255.0' (expected: a contiguous IPv4 netmask or a prefix length 0-128)");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientGranularity.parse("abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientGranularity.parse("129"));
    }
}
