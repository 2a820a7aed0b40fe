package org.bascule.vrrp.fsm;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA bursts of a master (keepalived {@code garp_master_delay},
 * {@code garp_master_repeat}, {@code garp_master_refresh}, {@code garp_master_refresh_repeat},
 * {@code garp_lower_prio_delay}, {@code garp_lower_prio_repeat}): a burst on becoming master, a
 * second after the delay, then one every refresh period; a burst after a lower-priority advert.
 */
public record GarpPlan(
        int masterRepeat,
        Duration masterDelay,
        Duration masterRefresh,
        int masterRefreshRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat) {

    /** keepalived's defaults: 5 at once, 5 more after 5 s, no refresh. */
    public static final GarpPlan DEFAULTS = new GarpPlan(5, Duration.ofSeconds(5), Duration.ZERO, 1, Duration.ofSeconds(5), 5);
}
