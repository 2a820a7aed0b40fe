package org.bascule.config.keepalived;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers for keepalived's value syntaxes (lib/parser.c read_unsigned, read_timer,
 * check_true_false). Each reports a diagnostic naming the token and what would be accepted,
 * and returns empty on a bad value, so the keyword keeps its default.
 */
final class Values {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("(\\d{1,12})?(?:\\.(\\d+))?");

    private Values() {
    }

    /** An integer in [min, max]: {@code invalid <what> 'x' (expected: an integer from min to max)}. */
    static OptionalLong integer(ParseContext ctx, Token token, String what, long min, long max) {
        String text = token.text();
        if (INTEGER.matcher(text).matches()) {
            try {
                long value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                if (value >= min && value <= max) {
                    return OptionalLong.of(value);
                }
            } catch (NumberFormatException e) {
                // Out of long range: reported below like any other out-of-range value.
            }
        }
        ctx.error(token, "invalid " + what, "an integer from " + min + " to " + max);
        return OptionalLong.empty();
    }

    /**
     * A time in seconds with up to 6 decimals (keepalived's timers have microsecond
     * resolution), in [min, max].
     */
    static Optional<Duration> timer(ParseContext ctx, Token token, String what, Duration min, Duration max) {
        Optional<Duration> parsed = parseSeconds(token.text());
        if (parsed.isPresent() && parsed.get().compareTo(min) >= 0 && parsed.get().compareTo(max) <= 0) {
            return parsed;
        }
        ctx.error(token, "invalid " + what, "a time in seconds from " + seconds(min) + " to " + seconds(max)
                + " (decimals allowed, e.g. 0.5)");
        return Optional.empty();
    }

    /** Seconds like {@code 3}, {@code 0.1} or {@code .5}, at most 6 decimals. */
    static Optional<Duration> parseSeconds(String text) {
        Matcher m = DECIMAL.matcher(text);
        if (text.isEmpty() || text.equals(".") || !m.matches()) {
            return Optional.empty();
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (fraction.length() > 6 || (m.group(1) == null && fraction.isEmpty())) {
            return Optional.empty();
        }
        long whole = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long micros = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000").substring(0, 6));
        return Optional.of(Duration.ofSeconds(whole).plusNanos(micros * 1000));
    }

    /** {@code 90}, {@code 0.5}: a duration as keepalived.conf writes it. */
    static String seconds(Duration d) {
        return new BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /** on|off|true|false|yes|no (keepalived's check_true_false). */
    static Optional<Boolean> bool(ParseContext ctx, Token token, String what) {
        Optional<Boolean> value = switch (token.text()) {
            case "on", "true", "yes" -> Optional.of(true);
            case "off", "false", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
        if (value.isEmpty()) {
            ctx.error(token, "invalid " + what, "on, off, true, false, yes or no");
        }
        return value;
    }

    /** The optional boolean of a flag keyword: true when absent ({@code smtp_alert}, {@code alpha} …). */
    static Optional<Boolean> flag(ParseContext ctx, Stanza s) {
        return s.args().isEmpty() ? Optional.of(true) : bool(ctx, s.arg(0), s.name() + " value");
    }

    /** A TCP/UDP port; 0 allowed only when {@code allowZero}. */
    static OptionalLong port(ParseContext ctx, Token token, String what, boolean allowZero) {
        return integer(ctx, token, what, allowZero ? 0 : 1, 65535);
    }
}
