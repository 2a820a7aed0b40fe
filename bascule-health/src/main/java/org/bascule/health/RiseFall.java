package org.bascule.health;

/**
 * HAProxy's {@code rise} and {@code fall} ({@code server ... check rise 2 fall 3}): a DOWN
 * server needs {@code rise} consecutive passing checks to be UP again, an UP one
 * {@code fall} consecutive failures to be DOWN. A server that has not been checked yet starts
 * UP but falls at its first failure, as HAProxy sets {@code check.health = rise} at start
 * ({@code src/server.c}); with {@code alpha} it starts DOWN and needs {@code rise} passes.
 */
public record RiseFall(int rise, int fall) {

    /** HAProxy's defaults: rise 2, fall 3. */
    public static final RiseFall HAPROXY_DEFAULTS = new RiseFall(2, 3);

    public RiseFall {
        if (rise < 1) {
            throw new IllegalArgumentException("rise: " + rise + " (expected: >= 1)");
        }
        if (fall < 1) {
            throw new IllegalArgumentException("fall: " + fall + " (expected: >= 1)");
        }
    }
}
