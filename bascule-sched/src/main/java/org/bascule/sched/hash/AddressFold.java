package org.bascule.sched.hash;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * How IPVS's hashing schedulers reduce an address to 32 bits before hashing
 * ({@code ip_vs_sh_hashkey}, {@code ip_vs_dh_hashkey}, {@code ip_vs_mh_hashkey}): an IPv4
 * address is its value in host order ({@code ntohl(addr->ip)}); an IPv6 address is the XOR of
 * its four 32-bit words. And the two multiplicative hashes they use.
 */
public final class AddressFold {

    /** {@code GOLDEN_RATIO_32} of {@code include/linux/hash.h}. */
    public static final int GOLDEN_RATIO_32 = 0x61C88647;
    /** Knuth's multiplier, as {@code ip_vs_dh_hashkey} writes it: 2654435761. */
    public static final int KNUTH = (int) 2654435761L;

    private AddressFold() {}

    /** The 32-bit fold of an address. */
    public static int fold(InetAddress address) {
        byte[] b = address.getAddress();
        int folded = 0;
        for (int i = 0; i < b.length; i += 4) {
            folded ^= (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
        }
        return folded;
    }

    /**
     * The fold of a socket address's IP; an unresolved one (a name, in tests and L7 server
     * names) folds the SipHash-1-3 of its name, so it is still deterministic on every node.
     */
    public static int fold(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return (int) SipHash.hash13(SipKey.IPVS_MH_1, address.getHostString().getBytes(StandardCharsets.UTF_8));
        }
        return fold(address.getAddress());
    }

    /** {@code hash_32(val, bits)}: the top {@code bits} bits of {@code val * GOLDEN_RATIO_32}. */
    public static int hash32(int value, int bits) {
        return (value * GOLDEN_RATIO_32) >>> (32 - bits);
    }
}
