package org.bascule.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a checker runs and how many results change the verdict.
 *
 * <p>keepalived's checker keywords, the default:
 * <ul>
 *   <li>{@code delay_loop}: the period between checks (keepalived default 60 s);</li>
 *   <li>{@code retry} (alias {@code nb_get_retry}): failed checks retried this many times,
 *       each after {@code delay_before_retry}, before the target is declared DOWN (TCP_CHECK
 *       default 1, so two consecutive failures);</li>
 *   <li>{@code delay_before_retry}: 1 s by default for TCP_CHECK;</li>
 *   <li>{@code alpha}: start DOWN and wait for a first success, instead of starting UP;</li>
 *   <li>{@code warmup}: the first check falls at a random instant between 0 and this
 *       (keepalived's default is {@code delay_loop}), so that hundreds of servers are not all
 *       probed at once after a start or a reload.</li>
 * </ul>
 * One success makes the target UP (keepalived has no {@code rise}).
 *
 * <p>With {@link RiseFall} (HAProxy's {@code rise}/{@code fall}, for the L7 tier and agents)
 * the verdict needs that many consecutive results instead, every check runs on the
 * {@code delay_loop} period ({@code inter}), and {@code retry}/{@code delay_before_retry}
 * are not used.
 */
public record CheckTiming(Duration delayLoop, int retry, Duration delayBeforeRetry, boolean alpha,
        Duration warmup, Optional<RiseFall> riseFall) {

    public CheckTiming {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(riseFall, "riseFall");
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop: " + delayLoop + " (expected: > 0)");
        }
        if (retry < 0) {
            throw new IllegalArgumentException("retry: " + retry + " (expected: >= 0)");
        }
        if (delayBeforeRetry.isNegative()) {
            throw new IllegalArgumentException("delay_before_retry: " + delayBeforeRetry + " (expected: >= 0)");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
        }
    }

    /** keepalived timing with {@code warmup} defaulting to {@code delay_loop}. */
    public CheckTiming(Duration delayLoop, int retry, Duration delayBeforeRetry, boolean alpha) {
        this(delayLoop, retry, delayBeforeRetry, alpha, delayLoop, Optional.empty());
    }

    /** keepalived's defaults for a TCP_CHECK: delay_loop 60 s, retry 1, delay_before_retry 1 s, no alpha. */
    public static CheckTiming tcpCheckDefaults() {
        return new CheckTiming(Duration.ofSeconds(60), 1, Duration.ofSeconds(1), false);
    }

    public CheckTiming withWarmup(Duration warmup) {
        return new CheckTiming(delayLoop, retry, delayBeforeRetry, alpha, warmup, riseFall);
    }

    public CheckTiming withRiseFall(RiseFall riseFall) {
        return new CheckTiming(delayLoop, retry, delayBeforeRetry, alpha, warmup, Optional.of(riseFall));
    }

    /** The health a target has before its first check. */
    public Health initialHealth() {
        return alpha ? Health.DOWN : Health.UP;
    }
}
