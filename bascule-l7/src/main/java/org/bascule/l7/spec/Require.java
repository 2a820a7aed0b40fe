package org.bascule.l7.spec;

import java.time.Duration;
import java.util.Objects;

/** Argument checks with the project's error template {@code <field>: <value> (expected: <what>)}. */
final class Require {

    private Require() {}

    static <T> T nonNull(T value, String field) {
        return Objects.requireNonNull(value, field);
    }

    static String name(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
            throw new IllegalArgumentException(field + ": '" + value + "' (expected: letters, digits, '-', '_', '.', ':')");
        }
        return value;
    }

    static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + "-" + max + ")");
        }
        return value;
    }

    static Duration positive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static void that(boolean condition, String field, Object value, String expected) {
        if (!condition) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
        }
    }
}
