package org.bascule.os;

import java.util.EnumSet;
import java.util.Set;

/** Flags of an interface address ({@code if_addr.h} {@code IFA_F_*}). */
public enum AddressFlag {
    /** A second address in a subnet the link already has (IPv4). */
    SECONDARY(0x01),
    /** Skip duplicate address detection (IPv6): a VIP is usable at once, as keepalived adds them. */
    NODAD(0x02),
    OPTIMISTIC(0x04),
    DADFAILED(0x08),
    HOMEADDRESS(0x10),
    DEPRECATED(0x20),
    /** Still in duplicate address detection: not usable as a source yet. */
    TENTATIVE(0x40),
    PERMANENT(0x80),
    MANAGETEMPADDR(0x100),
    /** Do not add the prefix route of the address. */
    NOPREFIXROUTE(0x200),
    MCAUTOJOIN(0x400),
    STABLE_PRIVACY(0x800);

    private final int bit;

    AddressFlag(int bit) {
        this.bit = bit;
    }

    int bit() {
        return bit;
    }

    static int bits(Set<AddressFlag> flags) {
        int out = 0;
        for (AddressFlag f : flags) {
            out |= f.bit;
        }
        return out;
    }

    static Set<AddressFlag> of(int bits) {
        EnumSet<AddressFlag> out = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : values()) {
            if ((bits & f.bit) != 0) {
                out.add(f);
            }
        }
        return out;
    }
}
