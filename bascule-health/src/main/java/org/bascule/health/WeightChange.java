package org.bascule.health;

/**
 * A weight a check asks for. Two sources, two shapes: keepalived's {@code misc_dynamic} sets
 * an absolute weight ({@code exit status - 2}), HAProxy's agent a percentage of the weight the
 * server was configured with ({@code 75%}, {@code server_parse_weight_change_request} in
 * {@code src/server.c}).
 */
public sealed interface WeightChange {

    /** The weight to use, given the configured weight, clamped to {@code [0, max]}. */
    int apply(int configured, int max);

    /** Exactly this weight. */
    record Absolute(int weight) implements WeightChange {
        public Absolute {
            if (weight < 0) {
                throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
            }
        }

        @Override
        public int apply(int configured, int max) {
            return Math.min(weight, max);
        }

        @Override
        public String toString() {
            return Integer.toString(weight);
        }
    }

    /** This percentage of the configured weight (HAProxy caps the percentage at 25600). */
    record Percent(int percent) implements WeightChange {
        /** HAProxy's cap on a relative weight before it multiplies. */
        public static final int MAX = 25600;

        public Percent {
            if (percent < 0 || percent > MAX) {
                throw new IllegalArgumentException("weight: " + percent + "% (expected: 0-" + MAX + "%)");
            }
        }

        @Override
        public int apply(int configured, int max) {
            return (int) Math.min((long) configured * percent / 100, max);
        }

        @Override
        public String toString() {
            return percent + "%";
        }
    }
}
