package org.bascule.ops.ipvsadm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an ipvsadm argument list against an {@link IpvsadmGrammar}, with popt's conventions as
 * ipvsadm uses them: {@code --name}, {@code --name=value} or {@code --name value}; short options
 * clustered ({@code -Ln}) with a value attached or in the next argument ({@code -t1.2.3.4:80},
 * {@code -t 1.2.3.4:80}); {@code --} ends the options. Then ipvsadm's checks: one command, no
 * option twice, only options the command accepts, no stray argument.
 *
 * <p>Unlike ipvsadm (popt reads the command first), the command may come anywhere on the line:
 * {@code -nL} is accepted where ipvsadm would only print "Try `ipvsadm -h'".
 */
public final class IpvsadmArgs {
    private final IpvsadmGrammar grammar;

    public IpvsadmArgs(IpvsadmGrammar grammar) {
        this.grammar = Objects.requireNonNull(grammar, "grammar");
    }

    /** Parses one command line (without the program name); throws {@link IpvsadmException} on bad usage. */
    public IpvsadmCommand parse(List<String> args, NameResolver names) {
        if (args.isEmpty()) {
            // ipvsadm with no argument lists the table with names (list_all(FMT_NONE)).
            return grammar.command(grammar.defaultCommand()).builder().build(new ParsedOptions(Map.of()), names);
        }
        List<String> arguments = new ArrayList<>();
        List<ParsedOptions.Occurrence> found = scan(args, arguments);
        ParsedOptions.Occurrence command = null;
        Map<String, ParsedOptions.Occurrence> bySlot = new LinkedHashMap<>();
        for (ParsedOptions.Occurrence o : found) {
            if (o.option().role() == IpvsadmOption.Role.COMMAND) {
                if (command != null) {
                    throw IpvsadmException.usage("ipvsadm: multiple commands specified '" + command.token() + "' and '"
                            + o.token() + "' (expected: one of " + grammar.expected() + ")");
                }
                command = o;
            } else if (bySlot.putIfAbsent(o.option().slot(), o) != null) {
                throw IpvsadmException.usage("ipvsadm: multiple '" + o.option().slot() + "' options specified '"
                        + bySlot.get(o.option().slot()).token() + "' and '" + o.token() + "'");
            }
        }
        if (command == null) {
            throw IpvsadmException.usage("ipvsadm: no command specified (expected: " + grammar.expected() + ")");
        }
        IpvsadmCommandSpec spec = grammar.command(command.option().slot());
        for (ParsedOptions.Occurrence o : bySlot.values()) {
            if (!spec.acceptedSlots().contains(o.option().slot())) {
                throw IpvsadmException.usage("ipvsadm: illegal option '" + o.token() + "' with the '" + spec.name()
                        + "' command (expected: " + spec.synopsis() + ")");
            }
        }
        // ipvsadm's generic_opt_check: compulsory ('+') and mutually exclusive ('1') options
        for (String slot : spec.requiredSlots()) {
            if (!bySlot.containsKey(slot)) {
                throw IpvsadmException.usage("ipvsadm: You need to supply the '" + slot + "' option for the '"
                        + spec.name() + "' command (expected: " + spec.synopsis() + ")");
            }
        }
        String firstExclusive = null;
        for (String slot : spec.exclusiveSlots()) {
            if (bySlot.containsKey(slot)) {
                if (firstExclusive != null) {
                    throw IpvsadmException.usage("ipvsadm: The option '" + slot + "' conflicts with the '" + firstExclusive
                            + "' option in the '" + spec.name() + "' command");
                }
                firstExclusive = slot;
            }
        }
        if (arguments.size() > spec.arguments()) {
            throw IpvsadmException.usage("ipvsadm: unexpected argument '" + arguments.get(spec.arguments())
                    + "' (expected: " + grammar.expected() + ")");
        }
        return spec.builder().build(new ParsedOptions(bySlot, arguments), names);
    }

    /** Options in order; plain arguments (popt's leftovers, {@code --set}'s three values) go to {@code arguments}. */
    private List<ParsedOptions.Occurrence> scan(List<String> args, List<String> arguments) {
        List<ParsedOptions.Occurrence> found = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = Objects.requireNonNull(args.get(i), "argument");
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                arguments.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq < 0 ? arg.length() : eq);
                String token = "--" + name;
                IpvsadmOption option = grammar.byLong(name).orElseThrow(() -> unknown(token, grammar.notYetLong().contains(name)));
                Optional<String> value = Optional.empty();
                if (option.takesValue()) {
                    if (eq >= 0) {
                        value = Optional.of(arg.substring(eq + 1));
                    } else if (option.valueOptional()) {
                        if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                            value = Optional.of(args.get(++i));
                        }
                    } else if (i + 1 < args.size()) {
                        value = Optional.of(args.get(++i));
                    } else {
                        throw missingValue(token, option);
                    }
                } else if (eq >= 0) {
                    throw IpvsadmException.usage("ipvsadm: option '" + token + "' takes no value (expected: " + token + ")");
                }
                found.add(new ParsedOptions.Occurrence(option, token, value));
            } else {
                for (int j = 1; j < arg.length(); j++) {
                    char c = arg.charAt(j);
                    String token = "-" + c;
                    IpvsadmOption option = grammar.byShort(c).orElseThrow(() -> unknown(token, grammar.notYetShort().indexOf(c) >= 0));
                    Optional<String> value = Optional.empty();
                    if (option.takesValue()) {
                        if (j + 1 < arg.length()) {
                            value = Optional.of(arg.substring(j + 1));
                        } else if (option.valueOptional()) {
                            if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                                value = Optional.of(args.get(++i));
                            }
                        } else if (i + 1 < args.size()) {
                            value = Optional.of(args.get(++i));
                        } else {
                            throw missingValue(token, option);
                        }
                        j = arg.length();
                    }
                    found.add(new ParsedOptions.Occurrence(option, token, value));
                }
            }
        }
        return found;
    }

    private IpvsadmException unknown(String token, boolean knownToIpvsadm) {
        String what = knownToIpvsadm ? "option '" + token + "' is not supported yet" : "unknown option '" + token + "'";
        return IpvsadmException.usage("ipvsadm: " + what + " (expected: " + grammar.expected() + ")");
    }

    private static IpvsadmException missingValue(String token, IpvsadmOption option) {
        return IpvsadmException.usage("ipvsadm: option '" + token + "' requires a value (expected: " + token + " "
                + option.valueName() + ")");
    }
}
