package org.bascule.vrrp.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bascule.vrrp.codec.Received;
import org.bascule.vrrp.codec.VrrpAdvert;
import org.bascule.vrrp.codec.VrrpVersion;
import org.bascule.vrrp.fsm.VrrpAction.AddVirtualAddresses;
import org.bascule.vrrp.fsm.VrrpAction.Announce;
import org.bascule.vrrp.fsm.VrrpAction.LowerPriorityAdvert;
import org.bascule.vrrp.fsm.VrrpAction.RemoveVirtualAddresses;
import org.bascule.vrrp.fsm.VrrpAction.SendAdvert;
import org.bascule.vrrp.fsm.VrrpAction.StateChanged;

/**
 * The virtual router of RFC 5798 §6.4 as a pure function. One handler per state, as the RFC
 * writes it (§6.4.1 Initialize, §6.4.2 Backup, §6.4.3 Master), plus FAULT and STOP.
 */
public final class VrrpMachine {

    /** When the first gratuitous ARP burst is repeated. */
    static final java.time.Duration FOLLOW_UP = java.time.Duration.ofSeconds(1);

    private VrrpMachine() {
    }

    /** Applies {@code event} at time {@code now} (nanoseconds of the caller's clock). */
    public static Step step(InstanceSpec spec, RouterState state, VrrpEvent event, long now) {
        List<VrrpAction> out = new ArrayList<>();
        RouterState next = switch (event) {
            case VrrpEvent.Startup s -> startup(spec, state, now, TransitionReason.STARTUP, out);
            case VrrpEvent.Tick t -> tick(spec, state, now, out);
            case VrrpEvent.AdvertIn a -> advert(spec, state, a.received(), now, out);
            case VrrpEvent.Tracked t -> tracked(spec, state, t, now, out);
            case VrrpEvent.SyncGroup g -> syncGroup(spec, state, g.role(), now, out);
            case VrrpEvent.Shutdown s -> shutdown(spec, state, out);
        };
        return new Step(next, out);
    }

    /** The priority this router advertises now. */
    public static int priority(InstanceSpec spec, RouterState state) {
        return Timing.effectivePriority(spec.basePriority(), state.trackDelta());
    }

    // §6.4.1: owner -> Master at once; anyone else -> Backup and wait Master_Down_Interval. A
    // configured `state MASTER` changes nothing here: keepalived waits too (LAB.md).
    private static RouterState startup(InstanceSpec spec, RouterState state, long now, TransitionReason reason, List<VrrpAction> out) {
        if (state.role() != VrrpRole.INIT && state.role() != VrrpRole.STOP && state.role() != VrrpRole.FAULT) {
            return state;
        }
        if (state.faulted()) {
            return toFault(spec, state, TransitionReason.FAULT, out);
        }
        RouterState s = state.masterAdverInterval(spec.advertInterval())
                .preemptAt(spec.preemptDelay().isZero() ? RouterState.NEVER : now + spec.preemptDelay().toNanos());
        if (spec.isOwner()) {
            return toMaster(spec, s, now, reason == TransitionReason.STARTUP ? TransitionReason.ADDRESS_OWNER : reason, out);
        }
        return toBackup(spec, s, now, reason, out);
    }

    private static RouterState tick(InstanceSpec spec, RouterState state, long now, List<VrrpAction> out) {
        return switch (state.role()) {
            case BACKUP -> now >= state.masterDownAt() ? toMaster(spec, state, now, TransitionReason.MASTER_DOWN, out) : state;
            case MASTER -> {
                RouterState s = state;
                if (now >= s.advertAt()) {
                    out.add(new SendAdvert(priority(spec, s)));
                    s = s.advertAt(now + spec.advertInterval().toNanos());
                }
                if (now >= s.garpFollowUpAt()) {
                    out.add(new Announce(spec.garp().masterRepeat()));
                    s = s.followUpAt(RouterState.NEVER);
                }
                if (now >= s.garpDelayAt()) {
                    out.add(new Announce(spec.garp().masterRepeat()));
                    s = s.garp(RouterState.NEVER, s.garpRefreshAt());
                }
                if (now >= s.garpRefreshAt()) {
                    out.add(new Announce(spec.garp().masterRefreshRepeat()));
                    s = s.garp(s.garpDelayAt(), now + spec.garp().masterRefresh().toNanos());
                }
                yield s;
            }
            case INIT, FAULT, STOP -> state;
        };
    }

    private static RouterState advert(InstanceSpec spec, RouterState state, Received received, long now, List<VrrpAction> out) {
        VrrpAdvert a = received.advert();
        int ours = priority(spec, state);
        return switch (state.role()) {
            case BACKUP -> {
                if (a.priority() == VrrpAdvert.PRIORITY_RESIGN) {
                    // §6.4.2: the master resigned; take over after Skew_Time, not the whole interval.
                    yield state.masterDownAt(now + Timing.skewNanos(spec.version(), ours, state.masterAdverInterval()));
                }
                RouterState s = state;
                boolean holdOff = false;
                if (spec.preempt() && a.priority() < ours && !spec.preemptDelay().isZero()) {
                    // keepalived preempt_delay: from startup, or from the first lower-priority
                    // master seen, accept its adverts for that long before preempting it.
                    if (s.preemptAt() == RouterState.NEVER) {
                        s = s.preemptAt(now + spec.preemptDelay().toNanos());
                    }
                    holdOff = now < s.preemptAt();
                }
                if (!spec.preempt() || a.priority() >= ours || holdOff) {
                    if (spec.version() == VrrpVersion.V3) {
                        s = s.masterAdverInterval(a.advertInterval());
                    }
                    yield s.masterDownAt(now + Timing.masterDownNanos(spec.version(), ours, spec.advertInterval(), s.masterAdverInterval()));
                }
                // Preempt: let the Master_Down_Timer run out (§6.4.2, "discard the ADVERTISEMENT").
                yield s;
            }
            case MASTER -> {
                if (a.priority() == VrrpAdvert.PRIORITY_RESIGN) {
                    // §6.4.3: another master resigned; assert ourselves at once.
                    out.add(new SendAdvert(ours));
                    yield state.advertAt(now + spec.advertInterval().toNanos());
                }
                if (a.priority() > ours || (a.priority() == ours && compare(received.source(), spec.primaryAddress()) > 0)) {
                    RouterState s = spec.version() == VrrpVersion.V3 ? state.masterAdverInterval(a.advertInterval()) : state;
                    out.add(new RemoveVirtualAddresses());
                    yield toBackup(spec, s, now, TransitionReason.HIGHER_PRIORITY_ADVERT, out);
                }
                // Two masters: answer at once so the other steps down, and refresh the caches
                // it may have taken over (keepalived's garp_lower_prio_*; SPEC R-X7).
                out.add(new LowerPriorityAdvert(received.source().getHostAddress(), a.priority(), ours));
                out.add(new SendAdvert(ours));
                if (spec.garp().lowerPrioRepeat() > 0) {
                    out.add(new Announce(spec.garp().lowerPrioRepeat()));
                }
                yield state.advertAt(now + spec.advertInterval().toNanos());
            }
            case INIT, FAULT, STOP -> state;
        };
    }

    private static RouterState tracked(InstanceSpec spec, RouterState state, VrrpEvent.Tracked t, long now, List<VrrpAction> out) {
        RouterState s = state.tracking(t.delta(), t.fault());
        return switch (s.role()) {
            case MASTER, BACKUP -> {
                if (t.fault()) {
                    yield toFault(spec, s, TransitionReason.FAULT, out);
                }
                if (s.role() == VrrpRole.MASTER && priority(spec, s) != priority(spec, state)) {
                    // Tell the backups at once so a higher one can preempt without waiting.
                    out.add(new SendAdvert(priority(spec, s)));
                    yield s.advertAt(now + spec.advertInterval().toNanos());
                }
                yield s;
            }
            case FAULT -> t.fault() ? s : startup(spec, s, now, TransitionReason.FAULT_CLEARED, out);
            case INIT, STOP -> s;
        };
    }

    private static RouterState syncGroup(InstanceSpec spec, RouterState state, VrrpRole role, long now, List<VrrpAction> out) {
        return switch (role) {
            case FAULT -> state.role() == VrrpRole.MASTER || state.role() == VrrpRole.BACKUP
                    ? toFault(spec, state, TransitionReason.SYNC_GROUP, out) : state;
            case BACKUP -> switch (state.role()) {
                case MASTER -> {
                    out.add(new RemoveVirtualAddresses());
                    yield toBackup(spec, state, now, TransitionReason.SYNC_GROUP, out);
                }
                case FAULT -> state.faulted() ? state : startup(spec, state, now, TransitionReason.SYNC_GROUP, out);
                default -> state;
            };
            case MASTER -> state.role() == VrrpRole.BACKUP ? toMaster(spec, state, now, TransitionReason.SYNC_GROUP, out) : state;
            case INIT, STOP -> state;
        };
    }

    // §6.4.3 Shutdown: a master sends priority 0 so a backup takes over after Skew_Time.
    private static RouterState shutdown(InstanceSpec spec, RouterState state, List<VrrpAction> out) {
        if (state.role() == VrrpRole.STOP) {
            return state;
        }
        if (state.role() == VrrpRole.MASTER) {
            out.add(new SendAdvert(VrrpAdvert.PRIORITY_RESIGN));
            out.add(new RemoveVirtualAddresses());
        }
        out.add(new StateChanged(state.role(), VrrpRole.STOP, TransitionReason.SHUTDOWN, priority(spec, state)));
        return state.with(VrrpRole.STOP).timers(RouterState.NEVER, RouterState.NEVER, RouterState.NEVER, RouterState.NEVER);
    }

    private static RouterState toMaster(InstanceSpec spec, RouterState state, long now, TransitionReason reason, List<VrrpAction> out) {
        int p = priority(spec, state);
        out.add(new SendAdvert(p));
        out.add(new AddVirtualAddresses());
        if (spec.garp().masterRepeat() > 0) {
            out.add(new Announce(spec.garp().masterRepeat()));
        }
        out.add(new StateChanged(state.role(), VrrpRole.MASTER, reason, p));
        GarpPlan g = spec.garp();
        RouterState s = state.with(VrrpRole.MASTER).timers(RouterState.NEVER, now + spec.advertInterval().toNanos(),
                g.masterDelay().isZero() ? RouterState.NEVER : now + g.masterDelay().toNanos(),
                g.masterRefresh().isZero() ? RouterState.NEVER : now + g.masterRefresh().toNanos());
        // keepalived repeats the first burst about a second later (LAB.md): a neighbour cache
        // ignores a new address for `locktime` (1 s by default) after its last update, so the
        // first burst alone may be lost on hosts that just refreshed the old master's entry.
        return g.masterRepeat() > 0 && g.masterDelay().compareTo(FOLLOW_UP) > 0 ? s.followUpAt(now + FOLLOW_UP.toNanos()) : s;
    }

    private static RouterState toBackup(InstanceSpec spec, RouterState state, long now, TransitionReason reason, List<VrrpAction> out) {
        int p = priority(spec, state);
        out.add(new StateChanged(state.role(), VrrpRole.BACKUP, reason, p));
        long down = now + Timing.masterDownNanos(spec.version(), p, spec.advertInterval(), state.masterAdverInterval());
        return state.with(VrrpRole.BACKUP).timers(down, RouterState.NEVER, RouterState.NEVER, RouterState.NEVER);
    }

    private static RouterState toFault(InstanceSpec spec, RouterState state, TransitionReason reason, List<VrrpAction> out) {
        if (state.role() == VrrpRole.MASTER) {
            // Resign rather than let the backups wait the whole master-down interval.
            out.add(new SendAdvert(VrrpAdvert.PRIORITY_RESIGN));
            out.add(new RemoveVirtualAddresses());
        }
        out.add(new StateChanged(state.role(), VrrpRole.FAULT, reason, priority(spec, state)));
        return state.with(VrrpRole.FAULT).timers(RouterState.NEVER, RouterState.NEVER, RouterState.NEVER, RouterState.NEVER);
    }

    /** Unsigned comparison of two addresses of one family, as RFC 5798 §6.4.3 compares them. */
    static int compare(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
