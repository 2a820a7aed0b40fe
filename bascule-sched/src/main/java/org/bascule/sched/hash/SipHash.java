package org.bascule.sched.hash;

import java.nio.charset.StandardCharsets;

/**
 * SipHash (Aumasson and Bernstein, "SipHash: a fast short-input PRF", INDOCRYPT 2012) with a
 * choice of rounds: SipHash-2-4, the keyed PRF, and SipHash-1-3, which the Linux kernel uses as
 * {@code hsiphash} on 64-bit machines ({@code lib/siphash.c}: "on 64-bit, we make HalfSipHash1-3
 * actually be SipHash1-3") and which {@code ip_vs_mh} feeds with a 4-byte value.
 *
 * <p>These are the hash primitives of the deterministic schedulers; application hashing
 * (HAProxy-style URI or header hashing in L7) reuses them with {@link #hash13(SipKey, byte[])}
 * or {@link #hash13(SipKey, CharSequence)}. Pure functions, no allocation on the int paths.
 */
public final class SipHash {

    private static final long C0 = 0x736f6d6570736575L;
    private static final long C1 = 0x646f72616e646f6dL;
    private static final long C2 = 0x6c7967656e657261L;
    private static final long C3 = 0x7465646279746573L;

    private SipHash() {}

    /** SipHash-2-4 of {@code data}. */
    public static long hash24(SipKey key, byte[] data) {
        return hash(key, data, 2, 4);
    }

    /** SipHash-1-3 of {@code data} (64 bits). */
    public static long hash13(SipKey key, byte[] data) {
        return hash(key, data, 1, 3);
    }

    /** SipHash-1-3 of the UTF-8 bytes of {@code text} (64 bits): URI or header hashing. */
    public static long hash13(SipKey key, CharSequence text) {
        return hash13(key, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The kernel's {@code hsiphash(&v, sizeof(u32), key)} on a 64-bit little-endian machine:
     * SipHash-1-3 of the four bytes of {@code v}, folded to 32 bits as
     * {@code (v0 ^ v1) ^ (v2 ^ v3)} truncated.
     */
    public static int hsiphash32(SipKey key, int v) {
        long v0 = C0 ^ key.k0();
        long v1 = C1 ^ key.k1();
        long v2 = C2 ^ key.k0();
        long v3 = C3 ^ key.k1();
        long b = (4L << 56) | (v & 0xFFFFFFFFL);
        v3 ^= b;
        // one compression round
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        v0 ^= b;
        v2 ^= 0xff;
        for (int i = 0; i < 3; i++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return (int) ((v0 ^ v1) ^ (v2 ^ v3));
    }

    /**
     * SipHash-c-d over {@code data}, little-endian 8-byte words, the length in the top byte of
     * the last word (the paper's Section 2).
     */
    public static long hash(SipKey key, byte[] data, int compressionRounds, int finalizationRounds) {
        long[] v = {C0 ^ key.k0(), C1 ^ key.k1(), C2 ^ key.k0(), C3 ^ key.k1()};
        int whole = data.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            long m = 0;
            for (int j = 7; j >= 0; j--) {
                m = (m << 8) | (data[i + j] & 0xFF);
            }
            compress(v, m, compressionRounds);
        }
        long b = ((long) data.length) << 56;
        for (int j = data.length - 1; j >= whole; j--) {
            b |= (data[j] & 0xFFL) << (8 * (j - whole));
        }
        compress(v, b, compressionRounds);
        v[2] ^= 0xff;
        for (int i = 0; i < finalizationRounds; i++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m, int rounds) {
        v[3] ^= m;
        for (int i = 0; i < rounds; i++) {
            round(v);
        }
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }
}
