package org.bascule.ops.ipvsadm;

import java.util.Objects;

/**
 * One ipvsadm option as data, a row of ipvsadm's popt table ({@code parse_options} in ipvsadm.c).
 *
 * @param longName   the name after {@code --} ({@code list}, {@code tcp-service})
 * @param shortNames the one-letter names, possibly none ({@code "Ll"} for {@code -L} and {@code -l})
 * @param takesValue whether a value follows ({@code -t VIP:PORT}, {@code --tcp-service=VIP:PORT})
 * @param valueOptional whether that value may be left out (popt's {@code POPT_ARGFLAG_OPTIONAL},
 *                   {@code -p [timeout]}): then the next argument is the value only when it does
 *                   not start with {@code -}
 * @param role       a command ({@code -L}, {@code -a}: exactly one per line) or an option of one
 * @param slot       ipvsadm's {@code optnames} word; options sharing a slot exclude each other
 *                   ({@code -t}, {@code -u} and {@code -f} all fill {@code service-address}), and
 *                   for a command, the name of its {@link IpvsadmCommandSpec}
 * @param valueName  what the value is called in the help text, empty when there is none
 * @param summary    one line for the help text
 */
public record IpvsadmOption(
        String longName, String shortNames, boolean takesValue, boolean valueOptional, Role role, String slot,
        String valueName, String summary) {

    /** Whether an option selects what ipvsadm does, or qualifies it. */
    public enum Role { COMMAND, OPTION }

    public IpvsadmOption {
        Objects.requireNonNull(longName, "longName");
        Objects.requireNonNull(shortNames, "shortNames");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(valueName, "valueName");
        Objects.requireNonNull(summary, "summary");
        if (valueOptional && !takesValue) {
            throw new IllegalArgumentException("valueOptional: true (expected: only for an option that takes a value)");
        }
        if (takesValue == valueName.isEmpty()) {
            throw new IllegalArgumentException("valueName: '" + valueName + "' (expected: a name exactly when the option takes a value)");
        }
    }

    /** A command selector such as {@code -L|-l}. */
    public static IpvsadmOption command(String longName, String shortNames, String summary) {
        return new IpvsadmOption(longName, shortNames, false, false, Role.COMMAND, longName, "", summary);
    }

    /** A command selector whose ipvsadm command name differs from its option ({@code --clear} is "flush"). */
    public static IpvsadmOption command(String longName, String shortNames, String commandName, String summary) {
        return new IpvsadmOption(longName, shortNames, false, false, Role.COMMAND, commandName, "", summary);
    }

    /** An option whose value may be left out, such as {@code -p [timeout]}. */
    public static IpvsadmOption optionallyValued(String longName, String shortNames, String slot, String valueName,
            String summary) {
        return new IpvsadmOption(longName, shortNames, true, true, Role.OPTION, slot, valueName, summary);
    }

    /** A flag such as {@code -n}. */
    public static IpvsadmOption flag(String longName, String shortNames, String slot, String summary) {
        return new IpvsadmOption(longName, shortNames, false, false, Role.OPTION, slot, "", summary);
    }

    /** An option with a value such as {@code -t service-address}. */
    public static IpvsadmOption valued(String longName, String shortNames, String slot, String valueName, String summary) {
        return new IpvsadmOption(longName, shortNames, true, false, Role.OPTION, slot, valueName, summary);
    }

    boolean hasShortName(char c) {
        return shortNames.indexOf(c) >= 0;
    }

    /** How the user would write it first: {@code -L} if it has a short name, else {@code --long}. */
    String preferredSpelling() {
        return shortNames.isEmpty() ? "--" + longName : "-" + shortNames.charAt(0);
    }
}
