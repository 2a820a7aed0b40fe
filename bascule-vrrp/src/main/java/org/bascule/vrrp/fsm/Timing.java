package org.bascule.vrrp.fsm;

import java.time.Duration;
import org.bascule.vrrp.codec.VrrpVersion;

/** The derived timers of RFC 3768 §6.1 and RFC 5798 §6.1. */
public final class Timing {

    private static final long SECOND = 1_000_000_000L;

    private Timing() {
    }

    /**
     * Skew_Time: v2 {@code (256 - Priority) / 256} seconds (RFC 3768 §6.1); v3
     * {@code ((256 - Priority) * Master_Adver_Interval) / 256} (RFC 5798 §6.1), so that with fast
     * adverts the skew shrinks too.
     */
    public static long skewNanos(VrrpVersion version, int priority, Duration masterAdverInterval) {
        return switch (version) {
            case V2 -> (256L - priority) * SECOND / 256;
            case V3 -> (256L - priority) * masterAdverInterval.toNanos() / 256;
        };
    }

    /**
     * Master_Down_Interval: {@code 3 * Advertisement_Interval + Skew_Time} in v2,
     * {@code 3 * Master_Adver_Interval + Skew_Time} in v3.
     */
    public static long masterDownNanos(VrrpVersion version, int priority, Duration advertInterval, Duration masterAdverInterval) {
        Duration base = version == VrrpVersion.V2 ? advertInterval : masterAdverInterval;
        return 3 * base.toNanos() + skewNanos(version, priority, masterAdverInterval);
    }

    /**
     * The priority in adverts: the configured one plus the tracking weights, kept within
     * 1..254; the address owner's 255 is never adjusted (keepalived ignores weights for it).
     */
    public static int effectivePriority(int basePriority, int trackDelta) {
        if (basePriority == 255 || trackDelta == 0) {
            return basePriority;
        }
        return Math.clamp(basePriority + (long) trackDelta, 1, 254);
    }
}
