package org.bascule.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * HAProxy's {@code rise} and {@code fall} ({@code server ... check rise 2 fall 3}): a DOWN
 * server needs {@code rise} consecutive passing checks to be UP again, an UP one
 * {@code fall} consecutive failures to be DOWN. A server that has not been checked yet starts
 * UP but falls at its first failure, as HAProxy sets {@code check.health = rise} at start
 * ({@code src/server.c}); with {@code alpha} it starts DOWN and needs {@code rise} passes.
 *
 * <p>The interval between checks depends on where the server stands (configuration.txt,
 * "fastinter"/"downinter"): {@code inter} (the timing's {@code delay_loop}) while fully UP,
 * {@code fastinter} while transitioning (UP with failures counted, DOWN with passes counted),
 * {@code downinter} while fully DOWN; each defaults to {@code inter}.
 *
 * @param fastInter {@code fastinter}
 * @param downInter {@code downinter}
 */
public record RiseFall(int rise, int fall, Optional<Duration> fastInter, Optional<Duration> downInter) {

    /** HAProxy's defaults: rise 2, fall 3. */
    public static final RiseFall HAPROXY_DEFAULTS = new RiseFall(2, 3);

    /** Rise and fall with every interval at {@code inter}. */
    public RiseFall(int rise, int fall) {
        this(rise, fall, Optional.empty(), Optional.empty());
    }

    public RiseFall {
        Objects.requireNonNull(fastInter, "fastInter");
        Objects.requireNonNull(downInter, "downInter");
        fastInter.ifPresent(d -> positive(d, "fastinter"));
        downInter.ifPresent(d -> positive(d, "downinter"));
        if (rise < 1) {
            throw new IllegalArgumentException("rise: " + rise + " (expected: >= 1)");
        }
        if (fall < 1) {
            throw new IllegalArgumentException("fall: " + fall + " (expected: >= 1)");
        }
    }

    /** The interval after a result left the target at {@code health} with {@code streak} results against it. */
    public Duration interval(Duration inter, Health health, int streak) {
        if (streak > 0) {
            return fastInter.orElse(inter);
        }
        return health == Health.DOWN ? downInter.orElse(inter) : inter;
    }

    private static void positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + ": " + d + " (expected: > 0)");
        }
    }
}
