package org.bascule.os;

import java.util.Arrays;
import java.util.HexFormat;

/** A link-layer (Ethernet) address: six bytes, printed {@code 02:42:ac:11:00:02}. */
public record MacAddress(byte[] bytes) {

    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    public static final MacAddress ZERO = new MacAddress(new byte[6]);

    public MacAddress {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("MAC address: " + bytes.length + " bytes (expected: 6)");
        }
        bytes = bytes.clone();
    }

    /** Parses {@code 02:42:ac:11:00:02} (also with '-'). */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("MAC address: '" + text + "' (expected: six hex bytes, aa:bb:cc:dd:ee:ff)");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) {
                throw new IllegalArgumentException("MAC address: '" + text + "' (expected: six hex bytes, aa:bb:cc:dd:ee:ff)");
            }
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return new MacAddress(b);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
