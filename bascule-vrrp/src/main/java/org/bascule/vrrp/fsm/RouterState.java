package org.bascule.vrrp.fsm;

import java.time.Duration;
import java.util.Objects;

/**
 * The variables of one virtual router (RFC 5798 §6.1-§6.3), immutable. Timers are absolute
 * deadlines in the caller's nanosecond clock, {@link #NEVER} when not running.
 *
 * @param role                 the current state
 * @param trackDelta           the sum of tracking weights in force
 * @param faulted              a tracked object (or the sync group) demands FAULT
 * @param masterAdverInterval  Master_Adver_Interval: learnt from the master's adverts in v3
 * @param masterDownAt         Master_Down_Timer deadline
 * @param advertAt             Adver_Timer deadline
 * @param preemptAt            end of {@code preempt_delay}; {@link #NEVER} when not started
 * @param garpDelayAt          second gratuitous ARP burst ({@code garp_master_delay})
 * @param garpRefreshAt        next refresh ({@code garp_master_refresh})
 * @param garpFollowUpAt       the repeat of the first burst one second after take-over
 */
public record RouterState(
        VrrpRole role,
        int trackDelta,
        boolean faulted,
        Duration masterAdverInterval,
        long masterDownAt,
        long advertAt,
        long preemptAt,
        long garpDelayAt,
        long garpRefreshAt,
        long garpFollowUpAt) {

    /** A timer that is not running. */
    public static final long NEVER = Long.MAX_VALUE;

    public RouterState {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(masterAdverInterval, "masterAdverInterval");
    }

    /** Before Startup. */
    public static RouterState initial(InstanceSpec spec) {
        return new RouterState(VrrpRole.INIT, 0, false, spec.advertInterval(), NEVER, NEVER, NEVER, NEVER, NEVER, NEVER);
    }

    /** The earliest running timer, {@link #NEVER} if none: when the caller must send a Tick. */
    public long nextDeadline() {
        // preemptAt is no timer: it is only compared with the time of an advert.
        return Math.min(Math.min(masterDownAt, advertAt), Math.min(Math.min(garpDelayAt, garpRefreshAt), garpFollowUpAt));
    }

    RouterState with(VrrpRole r) {
        return new RouterState(r, trackDelta, faulted, masterAdverInterval, masterDownAt, advertAt, preemptAt, garpDelayAt, garpRefreshAt, garpFollowUpAt);
    }

    RouterState timers(long masterDown, long advert, long garpDelay, long garpRefresh) {
        return new RouterState(role, trackDelta, faulted, masterAdverInterval, masterDown, advert, preemptAt, garpDelay, garpRefresh, NEVER);
    }

    RouterState masterDownAt(long at) {
        return new RouterState(role, trackDelta, faulted, masterAdverInterval, at, advertAt, preemptAt, garpDelayAt, garpRefreshAt, garpFollowUpAt);
    }

    RouterState advertAt(long at) {
        return new RouterState(role, trackDelta, faulted, masterAdverInterval, masterDownAt, at, preemptAt, garpDelayAt, garpRefreshAt, garpFollowUpAt);
    }

    RouterState preemptAt(long at) {
        return new RouterState(role, trackDelta, faulted, masterAdverInterval, masterDownAt, advertAt, at, garpDelayAt, garpRefreshAt, garpFollowUpAt);
    }

    RouterState garp(long delayAt, long refreshAt) {
        return new RouterState(role, trackDelta, faulted, masterAdverInterval, masterDownAt, advertAt, preemptAt, delayAt, refreshAt, garpFollowUpAt);
    }

    RouterState masterAdverInterval(Duration d) {
        return new RouterState(role, trackDelta, faulted, d, masterDownAt, advertAt, preemptAt, garpDelayAt, garpRefreshAt, garpFollowUpAt);
    }

    RouterState followUpAt(long at) {
        return new RouterState(role, trackDelta, faulted, masterAdverInterval, masterDownAt, advertAt, preemptAt, garpDelayAt, garpRefreshAt, at);
    }

    RouterState tracking(int delta, boolean fault) {
        return new RouterState(role, delta, fault, masterAdverInterval, masterDownAt, advertAt, preemptAt, garpDelayAt, garpRefreshAt, garpFollowUpAt);
    }
}
