package org.bascule.vrrp.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.vrrp.fsm.Router.MS;

import java.time.Duration;
import org.bascule.vrrp.codec.VrrpVersion;
import org.bascule.vrrp.fsm.VrrpAction.AddVirtualAddresses;
import org.bascule.vrrp.fsm.VrrpAction.Announce;
import org.bascule.vrrp.fsm.VrrpAction.LowerPriorityAdvert;
import org.bascule.vrrp.fsm.VrrpAction.RemoveVirtualAddresses;
import org.bascule.vrrp.fsm.VrrpAction.SendAdvert;
import org.bascule.vrrp.fsm.VrrpAction.StateChanged;
import org.junit.jupiter.api.Test;

/** RFC 5798 §6.4 (and RFC 3768 §6.4), step by step on a fake clock. */
class VrrpMachineTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void v2MasterDownIntervalIsThreeIntervalsPlusSkew() {
        // RFC 3768 §6.1: Skew_Time = (256 - 100) / 256 s = 609.375 ms.
        assertThat(Timing.masterDownNanos(VrrpVersion.V2, 100, SECOND, SECOND)).isEqualTo(3_609_375_000L);
        Router r = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        assertThat(r.on(new VrrpEvent.Startup())).containsExactly(
                new StateChanged(VrrpRole.INIT, VrrpRole.BACKUP, TransitionReason.STARTUP, 100));
        assertThat(r.until(3_609_374_999L)).isEmpty();
        assertThat(r.until(3_609_375_000L)).containsExactly(new SendAdvert(100), new AddVirtualAddresses(), new Announce(5),
                new StateChanged(VrrpRole.BACKUP, VrrpRole.MASTER, TransitionReason.MASTER_DOWN, 100));
    }

    @Test
    void v3SkewScalesWithTheMasterInterval() {
        // RFC 5798 §6.1: Skew_Time = ((256 - 100) * 10 cs) / 256 = 60.9375 ms; 3 × 100 ms + skew.
        Duration fast = Duration.ofMillis(100);
        assertThat(Timing.skewNanos(VrrpVersion.V3, 100, fast)).isEqualTo(60_937_500L);
        Router r = new Router(Router.spec(VrrpVersion.V3, 100, fast, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        assertThat(r.until(360 * MS)).isEmpty();
        assertThat(r.until(361 * MS)).contains(new AddVirtualAddresses());
        assertThat(r.role()).isEqualTo(VrrpRole.MASTER);
    }

    @Test
    void v3BackupLearnsTheMastersInterval() {
        Router r = new Router(Router.spec(VrrpVersion.V3, 100, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        r.advert(200, "10.77.0.2", Duration.ofMillis(100));
        assertThat(r.state.masterAdverInterval()).isEqualTo(Duration.ofMillis(100));
        // 3 × 100 ms + (156 × 100 ms) / 256, not the configured 1 s.
        assertThat(r.state.masterDownAt()).isEqualTo(360_937_500L);
    }

    @Test
    void addressOwnerBecomesMasterAtOnce() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 255, SECOND, "10.77.0.1"));
        assertThat(r.on(new VrrpEvent.Startup())).containsExactly(new SendAdvert(255), new AddVirtualAddresses(), new Announce(5),
                new StateChanged(VrrpRole.INIT, VrrpRole.MASTER, TransitionReason.ADDRESS_OWNER, 255));
    }

    @Test
    void masterAdvertisesEveryIntervalAndRepeatsGarpAfterTheDelay() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 255, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        // keepalived's repeat of the first burst about a second after take-over (LAB.md).
        assertThat(r.until(4_999 * MS)).containsExactly(new SendAdvert(255), new Announce(5), new SendAdvert(255), new SendAdvert(255),
                new SendAdvert(255));
        assertThat(r.until(5_000 * MS)).containsExactly(new SendAdvert(255), new Announce(5));
        assertThat(r.until(8_000 * MS)).containsOnly(new SendAdvert(255));
    }

    @Test
    void garpMasterRefreshRepeats() {
        GarpPlan g = new GarpPlan(1, Duration.ZERO, Duration.ofSeconds(2), 3, Duration.ZERO, 0);
        InstanceSpec spec = new InstanceSpec("VI_1", VrrpVersion.V2, 51, 255, SECOND, true, Duration.ZERO, Router.ip("10.77.0.1"), g);
        Router r = new Router(spec);
        assertThat(r.on(new VrrpEvent.Startup())).contains(new Announce(1));
        assertThat(r.until(6_000 * MS)).filteredOn(a -> a instanceof Announce).containsExactly(new Announce(3), new Announce(3), new Announce(3));
    }

    @Test
    void higherPriorityAdvertSendsMasterBackAndRemovesTheAddresses() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 255, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        Router b = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        b.on(new VrrpEvent.Startup());
        b.until(4_000 * MS);
        assertThat(b.role()).isEqualTo(VrrpRole.MASTER);
        assertThat(b.advert(150, "10.77.0.2")).containsExactly(new RemoveVirtualAddresses(),
                new StateChanged(VrrpRole.MASTER, VrrpRole.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT, 100));
    }

    @Test
    void equalPrioritiesAreBrokenByTheHigherPrimaryAddress() {
        Router low = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        low.on(new VrrpEvent.Startup());
        low.until(4_000 * MS);
        assertThat(low.advert(100, "10.77.0.2")).contains(new RemoveVirtualAddresses());
        Router high = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.200"));
        high.on(new VrrpEvent.Startup());
        high.until(4_000 * MS);
        assertThat(high.advert(100, "10.77.0.2")).containsExactly(new LowerPriorityAdvert("10.77.0.2", 100, 100), new SendAdvert(100), new Announce(5));
        assertThat(high.role()).isEqualTo(VrrpRole.MASTER);
    }

    @Test
    void backupWithPreemptIgnoresALowerMasterAndTakesOver() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 150, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        long t = 0;
        for (int i = 0; i < 5; i++) {
            t += 1_000 * MS;
            r.until(t);
            r.advert(100, "10.77.0.2");
        }
        // Master_Down_Interval for priority 150: 3 s + 106/256 s, counted from startup.
        assertThat(r.role()).isEqualTo(VrrpRole.MASTER);
    }

    @Test
    void nopreemptKeepsFollowingALowerMaster() {
        InstanceSpec spec = new InstanceSpec("VI_1", VrrpVersion.V2, 51, 150, SECOND, false, Duration.ZERO, Router.ip("10.77.0.1"), GarpPlan.DEFAULTS);
        Router r = new Router(spec);
        r.on(new VrrpEvent.Startup());
        for (long t = 1_000; t <= 20_000; t += 1_000) {
            r.until(t * MS);
            r.advert(100, "10.77.0.2");
        }
        assertThat(r.role()).isEqualTo(VrrpRole.BACKUP);
    }

    @Test
    void preemptDelayWaitsBeforePreempting() {
        InstanceSpec spec = new InstanceSpec("VI_1", VrrpVersion.V2, 51, 150, SECOND, true, Duration.ofSeconds(10), Router.ip("10.77.0.1"), GarpPlan.DEFAULTS);
        Router r = new Router(spec);
        r.on(new VrrpEvent.Startup());
        for (long t = 1_000; t <= 9_000; t += 1_000) {
            r.until(t * MS);
            r.advert(100, "10.77.0.2");
        }
        assertThat(r.role()).isEqualTo(VrrpRole.BACKUP);
        for (long t = 10_000; t <= 14_000; t += 1_000) {
            r.until(t * MS);
            r.advert(100, "10.77.0.2");
        }
        // Adverts from t = 10 s on are ignored; the timer set at 9 s runs out at 12.4 s.
        assertThat(r.role()).isEqualTo(VrrpRole.MASTER);
    }

    @Test
    void lowerPriorityBackupKeepsWaitingWhileAdvertsCome() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        for (long t = 1_000; t <= 30_000; t += 1_000) {
            r.until(t * MS);
            r.advert(150, "10.77.0.2");
        }
        assertThat(r.role()).isEqualTo(VrrpRole.BACKUP);
    }

    @Test
    void priorityZeroLetsTheBackupTakeOverAfterSkewTime() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        r.until(1_000 * MS);
        r.advert(150, "10.77.0.2");
        r.until(1_500 * MS);
        assertThat(r.advert(0, "10.77.0.2")).isEmpty();
        assertThat(r.until(1_500 * MS + 609_374_999L)).isEmpty();
        assertThat(r.until(1_500 * MS + 609_375_000L)).contains(new AddVirtualAddresses());
    }

    @Test
    void masterAnswersAPriorityZeroAdvertAtOnce() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 255, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        r.until(300 * MS);
        assertThat(r.advert(0, "10.77.0.2")).containsExactly(new SendAdvert(255));
        assertThat(r.state.advertAt()).isEqualTo(1_300 * MS);
    }

    @Test
    void shutdownAsMasterSendsPriorityZero() {
        Router r = new Router(Router.spec(VrrpVersion.V3, 255, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        assertThat(r.on(new VrrpEvent.Shutdown())).containsExactly(new SendAdvert(0), new RemoveVirtualAddresses(),
                new StateChanged(VrrpRole.MASTER, VrrpRole.STOP, TransitionReason.SHUTDOWN, 255));
        assertThat(r.state.nextDeadline()).isEqualTo(RouterState.NEVER);
        assertThat(r.until(10_000 * MS)).isEmpty();
    }

    @Test
    void faultResignsAndRecoveryWaitsAsBackup() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        r.until(4_000 * MS);
        assertThat(r.on(new VrrpEvent.Tracked(0, true))).containsExactly(new SendAdvert(0), new RemoveVirtualAddresses(),
                new StateChanged(VrrpRole.MASTER, VrrpRole.FAULT, TransitionReason.FAULT, 100));
        assertThat(r.advert(50, "10.77.0.2")).isEmpty();
        assertThat(r.until(20_000 * MS)).isEmpty();
        assertThat(r.on(new VrrpEvent.Tracked(0, false))).containsExactly(
                new StateChanged(VrrpRole.FAULT, VrrpRole.BACKUP, TransitionReason.FAULT_CLEARED, 100));
    }

    @Test
    void faultAtStartupStartsInFault() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Tracked(0, true));
        assertThat(r.on(new VrrpEvent.Startup())).containsExactly(new StateChanged(VrrpRole.INIT, VrrpRole.FAULT, TransitionReason.FAULT, 100));
    }

    @Test
    void trackingWeightsMoveTheAdvertisedPriority() {
        Router r = new Router(Router.spec(VrrpVersion.V2, 100, SECOND, "10.77.0.1"));
        r.on(new VrrpEvent.Startup());
        r.until(4_000 * MS);
        assertThat(r.on(new VrrpEvent.Tracked(-60, false))).containsExactly(new SendAdvert(40));
        assertThat(r.until(5_000 * MS)).contains(new SendAdvert(40)).doesNotContain(new SendAdvert(100));
        // A backup at 90 now preempts the weakened master: it is the master that steps down.
        assertThat(r.advert(90, "10.77.0.2")).contains(new RemoveVirtualAddresses());
        assertThat(Timing.effectivePriority(100, -200)).isEqualTo(1);
        assertThat(Timing.effectivePriority(200, 100)).isEqualTo(254);
        assertThat(Timing.effectivePriority(255, -50)).isEqualTo(255);
    }
}
