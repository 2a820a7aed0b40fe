package org.bascule.ops.ipvsadm;

/**
 * ipvsadm's {@code print_largenum}: a counter in a 9-character column. Below 100 million it is
 * printed whole; above, divided and suffixed so it still fits: K under a billion, M under 100
 * billion, G under 100 trillion, T beyond (integer division, no rounding). With {@code --exact}
 * the number is whole, right-aligned in 9 characters or in its length plus one when longer.
 * Values are unsigned 64-bit, as the kernel's {@code __u64} counters.
 */
final class LargeNumber {
    private static final long HUNDRED_MILLION = 100_000_000L;
    private static final long BILLION = 1_000_000_000L;
    private static final long HUNDRED_BILLION = 100_000_000_000L;
    private static final long HUNDRED_TRILLION = 100_000_000_000_000L;

    private LargeNumber() {}

    static String format(long value, boolean exact) {
        String whole = Long.toUnsignedString(value);
        if (exact) {
            return Text.padLeft(whole, whole.length() <= 8 ? 9 : whole.length() + 1);
        }
        if (Long.compareUnsigned(value, HUNDRED_MILLION) < 0) {
            return Text.padLeft(whole, 9);
        } else if (Long.compareUnsigned(value, BILLION) < 0) {
            return scaled(value, 1_000L, 'K');
        } else if (Long.compareUnsigned(value, HUNDRED_BILLION) < 0) {
            return scaled(value, 1_000_000L, 'M');
        } else if (Long.compareUnsigned(value, HUNDRED_TRILLION) < 0) {
            return scaled(value, BILLION, 'G');
        }
        return scaled(value, 1_000_000_000_000L, 'T');
    }

    private static String scaled(long value, long divisor, char unit) {
        return Text.padLeft(Long.toUnsignedString(Long.divideUnsigned(value, divisor)), 8) + unit;
    }
}
