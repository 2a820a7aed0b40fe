package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;

/**
 * Gratuitous ARP / unsolicited NA timing after a VRRP take-over (keepalived.conf(5):
 * {@code vrrp_garp_*} in global_defs, {@code garp_*} in vrrp_instance).
 *
 * @param masterDelay         second burst after becoming MASTER, default 5 s (0: none)
 * @param masterRepeat        messages per burst, default 5
 * @param lowerPrioDelay      burst after a lower-priority advert, default {@code masterDelay}
 * @param lowerPrioRepeat     messages in that burst, default {@code masterRepeat}
 * @param masterRefresh       periodic refresh while MASTER, default 0 (off)
 * @param masterRefreshRepeat messages per refresh, default 1
 */
public record GarpSettings(
        Duration masterDelay,
        int masterRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat,
        Duration masterRefresh,
        int masterRefreshRepeat) {

    /** keepalived's defaults (global_data.c: vrrp_garp_delay 5 s, vrrp_garp_rep 5, refresh_rep 1). */
    public static final GarpSettings DEFAULTS = new GarpSettings(
            Duration.ofSeconds(5), 5, Duration.ofSeconds(5), 5, Duration.ZERO, 1);

    public GarpSettings {
        Objects.requireNonNull(masterDelay, "masterDelay");
        Objects.requireNonNull(lowerPrioDelay, "lowerPrioDelay");
        Objects.requireNonNull(masterRefresh, "masterRefresh");
    }
}
