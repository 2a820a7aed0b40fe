package org.bascule.vrrp.fsm;

import java.util.Collection;

/**
 * What one tracked object does to an instance: add {@code delta} to its priority, or put it in
 * FAULT (keepalived.conf(5), "track_script", "track_interface", "track_file").
 */
public record Contribution(int delta, boolean fault) {

    /** Neither. */
    public static final Contribution NONE = new Contribution(0, false);

    /**
     * A script or interface that is up or down with {@code weight} (the line's, else the
     * object's): weight 0 means FAULT when down; a positive weight is added while up, a negative
     * one while down; {@code reverse} inverts the adjustment (a positive weight then lowers the
     * priority while up).
     */
    public static Contribution of(int weight, boolean reverse, boolean up) {
        if (weight == 0) {
            return up ? NONE : new Contribution(0, true);
        }
        boolean applies = weight > 0 ? up : !up;
        if (!applies) {
            return NONE;
        }
        return new Contribution(reverse ? -weight : weight, false);
    }

    /**
     * A {@code track_file} holding {@code value}: weight 0 means FAULT for any non-zero value;
     * otherwise the priority moves by value × weight (negated with {@code reverse}) and a result
     * of -254 or less is a FAULT (keepalived vrrp_track.c).
     */
    public static Contribution ofFile(int weight, boolean reverse, long value) {
        if (weight == 0) {
            return value == 0 ? NONE : new Contribution(0, true);
        }
        long d = value * weight * (reverse ? -1 : 1);
        if (d <= -254) {
            return new Contribution(0, true);
        }
        return new Contribution((int) Math.min(d, 253), false);
    }

    /** The sum of several: deltas add up, any fault is a fault. */
    public static VrrpEvent.Tracked sum(Collection<Contribution> all) {
        long d = 0;
        boolean f = false;
        for (Contribution c : all) {
            d += c.delta();
            f |= c.fault();
        }
        return new VrrpEvent.Tracked((int) Math.clamp(d, -1000, 1000), f);
    }
}
