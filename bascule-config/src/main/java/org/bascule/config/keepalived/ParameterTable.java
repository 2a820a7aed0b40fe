package org.bascule.config.keepalived;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * keepalived's substitutable parameters (keepalived.conf(5), "Parameter substitution"):
 * {@code $NAME=VALUE} definitions, multi-line ones included, and the pre-defined
 * {@code ${_PWD}}, {@code ${_INSTANCE}}, {@code ${_RANDOM [MIN [MAX]]}}, {@code ${_HASH}} and
 * {@code ${_BANG}}. One table serves a whole parse, across includes.
 */
final class ParameterTable {

    private final Map<String, List<String>> values = new HashMap<>();
    private final String instance;
    private final RandomGenerator random;

    /**
     * @param instance the value of {@code ${_INSTANCE}} (the config id)
     * @param random   the source of {@code ${_RANDOM}}; keepalived's {@code random_seed} makes
     *                 it repeatable, tests pass a seeded one
     */
    ParameterTable(String instance, RandomGenerator random) {
        this.instance = instance;
        this.random = random;
    }

    /** Defines (or redefines) {@code name} with one value line or several. */
    void define(String name, List<String> lines) {
        values.put(name, List.copyOf(lines));
    }

    /**
     * The value of {@code name} as it would replace {@code ${name}} (lines joined with
     * '\n'), or empty when the parameter is not defined: keepalived then leaves the text alone.
     *
     * @param name      the text between the braces (for _RANDOM it may carry MIN and MAX)
     * @param directory the value of {@code ${_PWD}} for the current file
     */
    Optional<String> lookup(String name, String directory) {
        List<String> defined = values.get(name);
        if (defined != null) {
            return Optional.of(String.join("\n", defined));
        }
        return switch (name) {
            case "_PWD" -> Optional.of(directory);
            case "_INSTANCE" -> Optional.of(instance);
            case "_HASH" -> Optional.of("#");
            case "_BANG" -> Optional.of("!");
            default -> name.equals("_RANDOM") || name.startsWith("_RANDOM ") ? randomValue(name) : Optional.empty();
        };
    }

    /** {@code _RANDOM [MIN [MAX]]}: an integer in [MIN, MAX], defaults 0 and 32767. */
    private Optional<String> randomValue(String spec) {
        String[] parts = spec.trim().split("\\s+");
        try {
            long min = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            long max = parts.length > 2 ? Long.parseLong(parts[2]) : 32767;
            // keepalived draws from random(), so bounds beyond 2^31-1 are not meaningful.
            if (min < 0 || max < min || max > Integer.MAX_VALUE || parts.length > 3) {
                return Optional.empty();
            }
            return Optional.of(Long.toString(random.nextLong(min, max + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when a parameter of that name was defined in the configuration. */
    boolean isDefined(String name) {
        return values.containsKey(name);
    }
}
