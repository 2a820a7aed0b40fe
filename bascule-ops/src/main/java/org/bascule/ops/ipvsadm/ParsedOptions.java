package org.bascule.ops.ipvsadm;

import java.util.Map;
import java.util.Optional;

/**
 * The options of one command line, by slot; at most one per slot, since ipvsadm refuses a repeated
 * option ("multiple '%s' options specified").
 */
public record ParsedOptions(Map<String, Occurrence> bySlot, java.util.List<String> arguments) {

    /** One option as written: which option, the token that named it, and its value if it takes one. */
    public record Occurrence(IpvsadmOption option, String token, Optional<String> value) {}

    public ParsedOptions {
        bySlot = Map.copyOf(bySlot);
        arguments = java.util.List.copyOf(arguments);
    }

    /** Options without plain arguments. */
    public ParsedOptions(Map<String, Occurrence> bySlot) {
        this(bySlot, java.util.List.of());
    }

    public boolean has(String slot) {
        return bySlot.containsKey(slot);
    }

    public Optional<Occurrence> get(String slot) {
        return Optional.ofNullable(bySlot.get(slot));
    }
}
