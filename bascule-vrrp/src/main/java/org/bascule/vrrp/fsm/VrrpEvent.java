package org.bascule.vrrp.fsm;

import org.bascule.vrrp.codec.Received;

/** What can happen to a virtual router. */
public sealed interface VrrpEvent {

    /** The instance starts (RFC 5798 §6.4.1, Startup event). */
    record Startup() implements VrrpEvent {
    }

    /** Time passed: fire every timer due at {@code now}. */
    record Tick() implements VrrpEvent {
    }

    /** An advert that passed the codec and the instance's filter. */
    record AdvertIn(Received received) implements VrrpEvent {
    }

    /**
     * Tracking changed: {@code delta} is the sum of the weights in force, {@code fault} whether
     * any tracked object puts the instance in FAULT.
     */
    record Tracked(int delta, boolean fault) implements VrrpEvent {
    }

    /** Another member of the sync group went to {@code role} (MASTER, BACKUP or FAULT). */
    record SyncGroup(VrrpRole role) implements VrrpEvent {
    }

    /** The instance stops (RFC 5798 §6.4.3, Shutdown event). */
    record Shutdown() implements VrrpEvent {
    }
}
