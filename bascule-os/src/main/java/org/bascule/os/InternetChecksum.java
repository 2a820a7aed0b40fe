package org.bascule.os;

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
final class InternetChecksum {

    private InternetChecksum() {
    }

    /** Adds {@code length} bytes from {@code offset} to a running 32-bit sum. */
    static long add(long sum, byte[] data, int offset, int length) {
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

    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }
}
