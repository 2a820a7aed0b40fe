package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Numbers, times and sizes as HAProxy writes them (configuration.txt section 2.5). */
final class Values {

    private Values() {
    }

    /** Longest time HAProxy accepts: its timers are 32-bit milliseconds. */
    static final long MAX_MILLIS = Integer.MAX_VALUE;

    /**
     * A time: digits and an optional unit {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d}; milliseconds when there is none.
     */
    static Optional<Duration> duration(Word word, Problems problems) {
        String text = word.text();
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        String unit = text.substring(digits);
        if (digits == 0 || digits > 12) {
            problems.error(word, "invalid time", "a number with an optional unit us, ms, s, m, h or d, e.g. 5s");
            return Optional.empty();
        }
        long n = Long.parseLong(text.substring(0, digits));
        Duration d = switch (unit) {
            case "", "ms" -> Duration.ofMillis(n);
            case "us" -> Duration.ofNanos(n * 1000);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
        if (d == null) {
            problems.error(word.pos(), "invalid time unit", unit, "us, ms, s, m, h or d after the number, e.g. 5s");
            return Optional.empty();
        }
        if (d.toMillis() > MAX_MILLIS) {
            problems.error(word, "time too large", "at most " + MAX_MILLIS + " ms (about 24.8 days)");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** A decimal integer from {@code min} to {@code max}. */
    static OptionalInt integer(Word word, int min, int max, String what, Problems problems) {
        OptionalLong v = parseLong(word.text());
        if (v.isEmpty() || v.getAsLong() < min || v.getAsLong() > max) {
            problems.error(word, "invalid " + what, "an integer from " + min + " to " + max);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    /** A size with an optional {@code k}, {@code m} or {@code g} suffix (powers of 1024). */
    static OptionalLong size(Word word, Problems problems) {
        String text = word.text();
        long factor = 1;
        if (!text.isEmpty()) {
            char last = Character.toLowerCase(text.charAt(text.length() - 1));
            factor = switch (last) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> 1;
            };
            if (factor > 1) {
                text = text.substring(0, text.length() - 1);
            }
        }
        OptionalLong v = parseLong(text);
        if (v.isEmpty() || v.getAsLong() > (1L << 40) / factor) {
            problems.error(word, "invalid size", "a number with an optional k, m or g suffix, e.g. 100k");
            return OptionalLong.empty();
        }
        return OptionalLong.of(v.getAsLong() * factor);
    }

    /** A non-negative decimal number of at most 18 digits. */
    static OptionalLong parseLong(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /** {@code 5s}, {@code 300ms}: the shortest exact way HAProxy would write a time. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) {
            return d.toNanos() / 1000 + "us";
        }
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
