package org.bascule.vrrp.fsm;

/** What the I/O layer must do after a step, in order. */
public sealed interface VrrpAction {

    /** Send one advert with {@code priority} (0 to resign). */
    record SendAdvert(int priority) implements VrrpAction {
    }

    /** Add the virtual addresses and routes (becoming master). */
    record AddVirtualAddresses() implements VrrpAction {
    }

    /** Remove the virtual addresses and routes (leaving master). */
    record RemoveVirtualAddresses() implements VrrpAction {
    }

    /** Send {@code repeat} gratuitous ARPs / unsolicited NAs for every virtual address. */
    record Announce(int repeat) implements VrrpAction {
    }

    /** The state changed: notify scripts, mail, logs, sync-group peers. */
    record StateChanged(VrrpRole from, VrrpRole to, TransitionReason reason, int priority) implements VrrpAction {
    }

    /**
     * A master heard a lower-priority advert from {@code peer} (keepalived logs "forcing a new
     * election" and answers at once; RFC 5798 §6.4.3 discards it).
     */
    record LowerPriorityAdvert(String peer, int theirs, int ours) implements VrrpAction {
    }
}
