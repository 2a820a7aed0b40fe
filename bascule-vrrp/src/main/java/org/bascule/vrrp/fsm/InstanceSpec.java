package org.bascule.vrrp.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import org.bascule.vrrp.codec.VrrpVersion;

/**
 * What the state machine needs of a {@code vrrp_instance}.
 *
 * @param name           the instance name, as in notify arguments
 * @param version        {@code version} (2 or 3)
 * @param vrid           {@code virtual_router_id}
 * @param basePriority   {@code priority}; 255 makes this router the address owner
 * @param advertInterval {@code advert_int}
 * @param preempt        false with {@code nopreempt}
 * @param preemptDelay   {@code preempt_delay}: after startup, or after first seeing a lower
 *                       priority master, wait this long before preempting it
 * @param primaryAddress this router's address on the interface: the advert's source, compared
 *                       with the master's on equal priorities (RFC 5798 §6.4.3)
 * @param garp           when to send gratuitous ARP / unsolicited NA as master
 */
public record InstanceSpec(
        String name,
        VrrpVersion version,
        int vrid,
        int basePriority,
        Duration advertInterval,
        boolean preempt,
        Duration preemptDelay,
        InetAddress primaryAddress,
        GarpPlan garp) {

    public InstanceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (basePriority < 1 || basePriority > 255) {
            throw new IllegalArgumentException("priority: " + basePriority + " (expected: 1-255)");
        }
        if (advertInterval.isZero() || advertInterval.isNegative()) {
            throw new IllegalArgumentException("advert_int: " + advertInterval + " (expected: positive)");
        }
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(primaryAddress, "primaryAddress");
        Objects.requireNonNull(garp, "garp");
    }

    /** True for the address owner (RFC 5798 §5.2.4). */
    public boolean isOwner() {
        return basePriority == 255;
    }

    /** The same instance sending from {@code address} (known once the interface is looked up). */
    public InstanceSpec withPrimaryAddress(InetAddress address) {
        return new InstanceSpec(name, version, vrid, basePriority, advertInterval, preempt, preemptDelay, address, garp);
    }
}
