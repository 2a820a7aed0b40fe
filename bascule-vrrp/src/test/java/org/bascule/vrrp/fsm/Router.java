package org.bascule.vrrp.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bascule.vrrp.codec.AdvertAuth;
import org.bascule.vrrp.codec.Received;
import org.bascule.vrrp.codec.VrrpAdvert;
import org.bascule.vrrp.codec.VrrpVersion;

/** A virtual router driven by a fake clock, for tests. */
final class Router {

    static final long MS = 1_000_000L;

    final InstanceSpec spec;
    RouterState state;
    long now;
    final List<VrrpAction> actions = new ArrayList<>();

    Router(InstanceSpec spec) {
        this.spec = spec;
        this.state = RouterState.initial(spec);
    }

    static InstanceSpec spec(VrrpVersion v, int priority, Duration advert, String primary) {
        return new InstanceSpec("VI_1", v, 51, priority, advert, true, Duration.ZERO, ip(primary), GarpPlan.DEFAULTS);
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<VrrpAction> on(VrrpEvent e) {
        Step s = VrrpMachine.step(spec, state, e, now);
        state = s.state();
        actions.addAll(s.actions());
        return s.actions();
    }

    /** Advances the clock to {@code at}, ticking at every deadline on the way. */
    List<VrrpAction> until(long at) {
        List<VrrpAction> out = new ArrayList<>();
        while (state.nextDeadline() <= at) {
            now = Math.max(now, state.nextDeadline());
            out.addAll(on(new VrrpEvent.Tick()));
        }
        now = at;
        return out;
    }

    List<VrrpAction> advert(int priority, String source) {
        return advert(priority, source, spec.advertInterval());
    }

    List<VrrpAction> advert(int priority, String source, Duration interval) {
        VrrpAdvert a = new VrrpAdvert(spec.version(), spec.vrid(), priority, interval, List.of(ip("10.77.0.100")), new AdvertAuth.None());
        return on(new VrrpEvent.AdvertIn(new Received(a, ip(source), ip("224.0.0.18"), 255)));
    }

    VrrpRole role() {
        return state.role();
    }
}
