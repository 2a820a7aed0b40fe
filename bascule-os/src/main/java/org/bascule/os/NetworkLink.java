package org.bascule.os;

import java.util.Objects;
import java.util.Optional;

/**
 * A network interface as rtnetlink reports it ({@code RTM_NEWLINK}).
 *
 * @param index the interface index (what {@code ip link} prints first)
 * @param name  {@code eth0}
 * @param mac   the link-layer address, when the link has one ({@code lo} has zeros, a TUN none)
 * @param flags the {@code IFF_*} flags, see {@link #isUp()}, {@link #isRunning()}
 * @param mtu   the MTU in bytes
 */
public record NetworkLink(int index, String name, Optional<MacAddress> mac, int flags, int mtu) {

    static final int IFF_UP = 0x1;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_MULTICAST = 0x1000;
    static final int IFF_LOWER_UP = 0x10000;

    public NetworkLink {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
    }

    /** Administratively up ({@code ip link set X up}). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * Up and operational ({@code IFF_RUNNING}: carrier present). keepalived's
     * {@code track_interface} counts an interface as failed when it is not.
     */
    public boolean isRunning() {
        return isUp() && (flags & IFF_RUNNING) != 0;
    }

    /** Carrier at layer 1 ({@code IFF_LOWER_UP}). */
    public boolean isLowerUp() {
        return (flags & IFF_LOWER_UP) != 0;
    }

    public boolean isLoopback() {
        return (flags & IFF_LOOPBACK) != 0;
    }

    @Override
    public String toString() {
        return index + ": " + name + (isUp() ? " UP" : " DOWN") + (isRunning() ? ",RUNNING" : "")
                + mac.map(m -> " " + m).orElse("") + " mtu " + mtu;
    }
}
