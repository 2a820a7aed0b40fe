package org.bascule.vrrp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** track_script / track_interface / track_file weights, rise/fall, and vrrp_sync_group. */
class TrackingTest {

    @Test
    void riseAndFallNeedConsecutiveResults() {
        RiseFall s = RiseFall.start(2, 3, false);
        assertThat(s.ok()).isTrue();
        s = s.record(false).record(false);
        assertThat(s.ok()).isTrue();
        s = s.record(true).record(false).record(false);
        assertThat(s.ok()).isTrue();
        s = s.record(false);
        assertThat(s.ok()).isFalse();
        s = s.record(true);
        assertThat(s.ok()).isFalse();
        assertThat(s.record(true).ok()).isTrue();
        assertThat(RiseFall.start(1, 1, true).ok()).isFalse();
    }

    @Test
    void scriptAndInterfaceWeights() {
        assertThat(Contribution.of(0, false, false)).isEqualTo(new Contribution(0, true));
        assertThat(Contribution.of(0, false, true)).isEqualTo(Contribution.NONE);
        assertThat(Contribution.of(20, false, true)).isEqualTo(new Contribution(20, false));
        assertThat(Contribution.of(20, false, false)).isEqualTo(Contribution.NONE);
        assertThat(Contribution.of(-20, false, false)).isEqualTo(new Contribution(-20, false));
        assertThat(Contribution.of(-20, false, true)).isEqualTo(Contribution.NONE);
        assertThat(Contribution.of(20, true, true)).isEqualTo(new Contribution(-20, false));
    }

    @Test
    void trackFileMultipliesTheValue() {
        assertThat(Contribution.ofFile(0, false, 0)).isEqualTo(Contribution.NONE);
        assertThat(Contribution.ofFile(0, false, 3)).isEqualTo(new Contribution(0, true));
        assertThat(Contribution.ofFile(-10, false, 5)).isEqualTo(new Contribution(-50, false));
        assertThat(Contribution.ofFile(1, false, -254)).isEqualTo(new Contribution(0, true));
        assertThat(Contribution.ofFile(2, true, 5)).isEqualTo(new Contribution(-10, false));
    }

    @Test
    void sumAddsDeltasAndAnyFaultWins() {
        assertThat(Contribution.sum(List.of(new Contribution(10, false), new Contribution(-30, false))))
                .isEqualTo(new VrrpEvent.Tracked(-20, false));
        assertThat(Contribution.sum(List.of(new Contribution(10, false), new Contribution(0, true))).fault()).isTrue();
    }

    @Test
    void syncGroupMembersFollowAFaultAndRecoverTogether() {
        InstanceSpec a = Router.spec(org.bascule.vrrp.codec.VrrpVersion.V2, 100, java.time.Duration.ofSeconds(1), "10.77.0.1");
        Router ra = new Router(a);
        Router rb = new Router(new InstanceSpec("VI_2", a.version(), 52, 100, a.advertInterval(), true, a.preemptDelay(), a.primaryAddress(), a.garp()));
        ra.on(new VrrpEvent.Startup());
        rb.on(new VrrpEvent.Startup());
        ra.until(4_000 * Router.MS);
        rb.until(4_000 * Router.MS);
        assertThat(ra.role()).isEqualTo(VrrpRole.MASTER);
        List<VrrpAction> out = ra.on(new VrrpEvent.Tracked(0, true));
        VrrpAction.StateChanged change = (VrrpAction.StateChanged) out.getLast();
        List<SyncGroupPolicy.Order> orders = SyncGroupPolicy.follow("VI_1", change, Map.of("VI_1", ra.state, "VI_2", rb.state));
        assertThat(orders).containsExactly(new SyncGroupPolicy.Order("VI_2", new VrrpEvent.SyncGroup(VrrpRole.FAULT)));
        List<VrrpAction> bOut = rb.on(orders.getFirst().event());
        assertThat(bOut).contains(new VrrpAction.SendAdvert(0), new VrrpAction.RemoveVirtualAddresses());
        assertThat(rb.role()).isEqualTo(VrrpRole.FAULT);
        // The fault of a group member is not propagated again (no loop).
        assertThat(SyncGroupPolicy.follow("VI_2", (VrrpAction.StateChanged) bOut.getLast(), Map.of("VI_1", ra.state, "VI_2", rb.state))).isEmpty();
        // Recovery of VI_1 brings VI_2 back to BACKUP.
        out = ra.on(new VrrpEvent.Tracked(0, false));
        orders = SyncGroupPolicy.follow("VI_1", (VrrpAction.StateChanged) out.getLast(), Map.of("VI_1", ra.state, "VI_2", rb.state));
        rb.on(orders.getFirst().event());
        assertThat(rb.role()).isEqualTo(VrrpRole.BACKUP);
        // A member taking over as MASTER brings the others along; one going BACKUP too.
        ra.until(9_000 * Router.MS);
        assertThat(ra.role()).isEqualTo(VrrpRole.MASTER);
        VrrpAction.StateChanged up = (VrrpAction.StateChanged) ra.actions.reversed().stream().filter(x -> x instanceof VrrpAction.StateChanged).findFirst().orElseThrow();
        orders = SyncGroupPolicy.follow("VI_1", up, Map.of("VI_1", ra.state, "VI_2", rb.state));
        rb.on(orders.getFirst().event());
        assertThat(rb.role()).isEqualTo(VrrpRole.MASTER);
    }
}
