package org.bascule.vrrp.fsm;

/** Why a virtual router changed state (DESIGN.md: transition reasons are typed values). */
public enum TransitionReason {
    /** Startup as the address owner, priority 255 (RFC 5798 §6.4.1). */
    ADDRESS_OWNER,
    /** Startup or fault cleared: wait as backup (RFC 5798 §6.4.1; keepalived also for {@code state MASTER}). */
    STARTUP,
    /**
     * Master_Down_Timer fired: no advert from a master for the master-down interval, or the
     * skew time after a priority-0 advert (§6.4.2).
     */
    MASTER_DOWN,
    /** An advert with a higher priority, or the same priority from a higher address (§6.4.3). */
    HIGHER_PRIORITY_ADVERT,
    /** A tracked interface, script or file reports a failure. */
    FAULT,
    /** The fault cleared. */
    FAULT_CLEARED,
    /** Another member of the {@code vrrp_sync_group} changed state. */
    SYNC_GROUP,
    /** Shutdown (§6.4.3: send priority 0 first when master). */
    SHUTDOWN
}
