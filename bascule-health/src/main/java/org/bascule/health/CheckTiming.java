package org.bascule.health;

import java.time.Duration;
import java.util.Objects;

/**
 * When a checker runs and how many failures make a target DOWN, keepalived's checker keywords:
 * <ul>
 *   <li>{@code delay_loop}: the period between checks (keepalived default 60 s);</li>
 *   <li>{@code retry} (alias {@code nb_get_retry}): failed checks retried this many times,
 *       each after {@code delay_before_retry}, before the target is declared DOWN (TCP_CHECK
 *       default 1, so two consecutive failures);</li>
 *   <li>{@code delay_before_retry}: 1 s by default for TCP_CHECK;</li>
 *   <li>{@code alpha}: start DOWN and wait for a first success, instead of starting UP.</li>
 * </ul>
 * One success always makes the target UP (keepalived has no {@code rise}).
 */
public record CheckTiming(Duration delayLoop, int retry, Duration delayBeforeRetry, boolean alpha) {

    public CheckTiming {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop: " + delayLoop + " (expected: > 0)");
        }
        if (retry < 0) {
            throw new IllegalArgumentException("retry: " + retry + " (expected: >= 0)");
        }
        if (delayBeforeRetry.isNegative()) {
            throw new IllegalArgumentException("delay_before_retry: " + delayBeforeRetry + " (expected: >= 0)");
        }
    }

    /** keepalived's defaults for a TCP_CHECK: delay_loop 60 s, retry 1, delay_before_retry 1 s, no alpha. */
    public static CheckTiming tcpCheckDefaults() {
        return new CheckTiming(Duration.ofSeconds(60), 1, Duration.ofSeconds(1), false);
    }

    /** The health a target has before its first check. */
    public Health initialHealth() {
        return alpha ? Health.DOWN : Health.UP;
    }
}
