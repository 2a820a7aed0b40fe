package org.bascule.sched.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Vectors: SipHash-2-4 from the reference implementation (veorq/SipHash, key 00..0f, message
 * 00..len-1), hsiphash from the Linux kernel's own self-test for 64-bit machines
 * ({@code lib/siphash_kunit.c}, {@code test_vectors_hsiphash}), which is SipHash-1-3 there.
 */
class SipHashTest {

    static final SipKey KEY = new SipKey(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    static byte[] counting(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void sipHash24ReferenceVectors() {
        assertThat(SipHash.hash24(KEY, counting(0))).isEqualTo(0x726fdb47dd0e0e31L);
        assertThat(SipHash.hash24(KEY, counting(1))).isEqualTo(0x74f839c593dc67fdL);
        assertThat(SipHash.hash24(KEY, counting(63))).isEqualTo(0x958a324ceb064572L);
    }

    @Test
    void kernelHsiphashVectors() {
        int[] lengths = {0, 1, 2, 3, 4, 5, 8, 9, 15, 16, 17, 63};
        int[] expected = {0x050fc4dc, 0x7d57ca93, 0x4dc7d44d, 0xe7ddf7fb, 0x88d38328, 0x49533b67,
                0x8d299a8e, 0x6c063de4, 0x2a519956, 0x7d908b66, 0x63dbd80c, 0xb7bbb3a8};
        for (int i = 0; i < lengths.length; i++) {
            assertThat((int) SipHash.hash13(KEY, counting(lengths[i]))).as("length %d", lengths[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void theFourByteFastPathIsHsiphashOfAnU32() {
        // bytes 00 01 02 03 are the little-endian u32 0x03020100
        assertThat(SipHash.hsiphash32(KEY, 0x03020100)).isEqualTo(0x88d38328);
        for (int v : new int[] {0, 1, -1, 0x7f000001, 0xdeadbeef}) {
            byte[] le = {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
            assertThat(SipHash.hsiphash32(SipKey.IPVS_MH_1, v)).isEqualTo((int) SipHash.hash13(SipKey.IPVS_MH_1, le));
        }
    }

    @Test
    void addressFoldsAsIpvs() throws Exception {
        assertThat(AddressFold.fold(InetAddress.getByName("10.0.0.7"))).isEqualTo(0x0A000007);
        // IPv6: XOR of the four big-endian words
        assertThat(AddressFold.fold(InetAddress.getByName("2001:db8::1:2"))).isEqualTo(0x20010db8 ^ 0x00010002);
        assertThat(AddressFold.hash32(1, 8)).isEqualTo(0x61);
    }
}
