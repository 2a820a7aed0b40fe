package org.bascule.config.keepalived;

import java.time.Duration;
import java.util.Objects;

/**
 * When a checker runs and how many failures make the real server DOWN, resolved as keepalived
 * resolves them (ipwrapper.c validate_check_config): the checker's keyword, else the real
 * server's, else the virtual server's, else the kind's default.
 *
 * @param delayLoop        {@code delay_loop}, default 60 s
 * @param warmup           {@code warmup}: random start delay up to this, default delay_loop
 * @param retry            {@code retry} (alias {@code nb_get_retry}); default 1, 0 for
 *                         MISC_CHECK, 3 for DNS_CHECK
 * @param delayBeforeRetry {@code delay_before_retry}; default 1 s, 3 s for HTTP_GET/SSL_GET,
 *                         delay_loop for DNS_CHECK
 * @param alpha            {@code alpha}, else the real server's
 * @param logAllFailures   {@code log_all_failures}
 */
public record CheckSchedule(
        Duration delayLoop,
        Duration warmup,
        int retry,
        Duration delayBeforeRetry,
        boolean alpha,
        boolean logAllFailures) {

    public CheckSchedule {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
    }
}
