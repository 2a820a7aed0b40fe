package org.bascule.ops.ipvsadm;

import java.util.Objects;
import java.util.Set;

/**
 * One ipvsadm command as data: a row of ipvsadm's {@code commands_v_options} matrix (which
 * option slots the command accepts) together with how to build the command from them. A later
 * command (add-server, edit-server, zero, ...) is a new row, not a new branch in the parser.
 *
 * @param name          the command's name, ipvsadm's {@code cmdnames} word ({@code list})
 * @param synopsis      how it is written, for "expected:" in errors and for the help text
 * @param acceptedSlots the option slots legal with it; any other is refused as ipvsadm's
 *                      "Illegal '%s' option with the '%s' command" does
 * @param builder       turns the parsed options into the command
 * @param requiredSlots the slots it cannot do without ('+' in the matrix: "You need to supply the
 *                      '%s' option for the '%s' command")
 * @param exclusiveSlots slots of which at most one may be given ('1' in the matrix)
 * @param arguments     how many plain arguments it takes ({@code --set tcp tcpfin udp}: 3)
 */
public record IpvsadmCommandSpec(String name, String synopsis, Set<String> acceptedSlots, Builder builder,
        Set<String> requiredSlots, java.util.List<String> exclusiveSlots, int arguments) {

    /** Builds a command from its options; throws {@link IpvsadmException} for a bad value. */
    @FunctionalInterface
    public interface Builder {
        IpvsadmCommand build(ParsedOptions options, NameResolver names);
    }

    public IpvsadmCommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(synopsis, "synopsis");
        acceptedSlots = Set.copyOf(acceptedSlots);
        Objects.requireNonNull(builder, "builder");
        requiredSlots = Set.copyOf(requiredSlots);
        exclusiveSlots = java.util.List.copyOf(exclusiveSlots);
        if (arguments < 0) {
            throw new IllegalArgumentException("arguments: " + arguments + " (expected: >= 0)");
        }
    }

    /** A command with optional options only and no plain argument. */
    public IpvsadmCommandSpec(String name, String synopsis, Set<String> acceptedSlots, Builder builder) {
        this(name, synopsis, acceptedSlots, builder, Set.of(), java.util.List.of(), 0);
    }
}
