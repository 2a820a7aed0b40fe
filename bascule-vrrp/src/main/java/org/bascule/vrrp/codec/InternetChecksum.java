package org.bascule.vrrp.codec;

/**
 * The 16-bit one's complement of the one's complement sum (RFC 1071), used by VRRPv2 over the
 * message alone (RFC 3768 §5.3.8) and by VRRPv3 over a pseudo-header and the message (RFC 5798
 * §5.2.8), and by the IPv4 header.
 */
final class InternetChecksum {

    private InternetChecksum() {
    }

    /** Adds {@code length} octets of {@code data} from {@code offset} to a running sum. */
    static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            // An odd last octet is padded with zero on the right (RFC 1071 §1).
            sum += (data[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds the carries and complements: the value that goes into the checksum field. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
