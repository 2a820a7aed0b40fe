package org.bascule.os;

/**
 * The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words.
 * Used here for ICMP and neighbour advertisements, and by VRRP's codec over the message alone
 * (v2, RFC 3768 §5.3.8), over a pseudo-header and the message (v3, RFC 5798 §5.2.8) and over
 * the IPv4 header.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /** Adds {@code length} bytes from {@code offset} to a running sum; an odd last byte is padded with zero (RFC 1071 §1). */
    public static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries and complements: the value that goes into the checksum field. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }
}
