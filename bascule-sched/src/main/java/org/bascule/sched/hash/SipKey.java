package org.bascule.sched.hash;

/**
 * A 128-bit SipHash key as two 64-bit halves, in the layout of the kernel's
 * {@code siphash_key_t}/{@code hsiphash_key_t} on 64-bit machines ({@code key[0]}, {@code key[1]}).
 */
public record SipKey(long k0, long k1) {

    /** {@code ip_vs_mh}'s first key ({@code generate_hash_secret}: 2654435761 twice): offsets and lookups. */
    public static final SipKey IPVS_MH_1 = new SipKey(2654435761L, 2654435761L);
    /** {@code ip_vs_mh}'s second key (2654446892 twice): skips. */
    public static final SipKey IPVS_MH_2 = new SipKey(2654446892L, 2654446892L);
}
