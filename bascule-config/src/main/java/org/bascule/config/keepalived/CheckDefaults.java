package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checker timing a virtual_server gives its real servers, and a real_server gives its
 * checkers (keepalived.conf(5): "the virtual server setting is the default for real servers,
 * and the real server setting is the default for checkers").
 *
 * @param delayLoop        {@code delay_loop}, default 60 s (KEEPALIVED_DEFAULT_DELAY)
 * @param connectTimeout   {@code connect_timeout}, default 5 s (check_data.c alloc_vs)
 * @param retry            {@code retry}; unset means the checker kind's default
 * @param delayBeforeRetry {@code delay_before_retry}; unset means the checker kind's default
 * @param warmup           {@code warmup}; unset means the checker's delay_loop
 */
public record CheckDefaults(
        Duration delayLoop,
        Duration connectTimeout,
        OptionalInt retry,
        Optional<Duration> delayBeforeRetry,
        Optional<Duration> warmup) {

    /** KEEPALIVED_DEFAULT_DELAY (check_data.h). */
    public static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);
    /** check_data.c alloc_vs: connection_to = 5 * TIMER_HZ. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A virtual_server with no timing keyword. */
    public static final CheckDefaults DEFAULTS = new CheckDefaults(
            DEFAULT_DELAY_LOOP, DEFAULT_CONNECT_TIMEOUT, OptionalInt.empty(), Optional.empty(), Optional.empty());

    public CheckDefaults {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        Objects.requireNonNull(warmup, "warmup");
    }
}
