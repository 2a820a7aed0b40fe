package org.bascule.ops.ipvsadm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ipvsadm's command line as data: its options (the popt table of ipvsadm.c {@code parse_options}),
 * its commands with the option slots each accepts (the {@code commands_v_options} matrix), the
 * command run when no argument is given ({@code ipvsadm} alone lists the table), and the options
 * ipvsadm has that Bascule does not implement yet, so they are refused by name rather than as
 * unknown. A feature adds its command with {@link #withCommand}; the parser never names options.
 *
 * @param options        every option Bascule accepts
 * @param commands       every command, by the slot of its selector option
 * @param defaultCommand the command run for an empty argument list
 * @param notYetLong     ipvsadm long options not implemented yet
 * @param notYetShort    ipvsadm short options not implemented yet
 */
public record IpvsadmGrammar(
        List<IpvsadmOption> options, List<IpvsadmCommandSpec> commands, String defaultCommand,
        Set<String> notYetLong, String notYetShort) {

    // Slots, ipvsadm's optnames words (they appear in its "multiple '%s' options specified").
    static final String NUMERIC = "numeric";
    static final String SERVICE = "service-address";
    static final String STATS = "stats";
    static final String RATE = "rate";
    static final String EXACT = "exact";
    static final String NOSORT = "nosort";
    static final String SORT = "sort";

    private static final IpvsadmGrammar STANDARD = new IpvsadmGrammar(
            List.of(
                    IpvsadmOption.command("list", "Ll", "list the table"),
                    IpvsadmOption.command("help", "h", "display this help message"),
                    IpvsadmOption.valued("tcp-service", "t", SERVICE, "service-address", "service-address is host[:port]"),
                    IpvsadmOption.valued("udp-service", "u", SERVICE, "service-address", "service-address is host[:port]"),
                    IpvsadmOption.valued("sctp-service", "", SERVICE, "service-address", "service-address is host[:port]"),
                    IpvsadmOption.valued("fwmark-service", "f", SERVICE, "fwmark", "fwmark is an integer greater than zero"),
                    IpvsadmOption.flag("numeric", "n", NUMERIC, "numeric output of addresses and ports"),
                    IpvsadmOption.flag("stats", "", STATS, "output of statistics information"),
                    IpvsadmOption.flag("rate", "", RATE, "output of rate information"),
                    IpvsadmOption.flag("exact", "X", EXACT, "expand numbers (display exact values)"),
                    IpvsadmOption.flag("nosort", "", NOSORT, "disable sorting output of service/server entries"),
                    IpvsadmOption.flag("sort", "", SORT, "does nothing, for backwards compatibility")),
            List.of(
                    new IpvsadmCommandSpec("list",
                            "-L|-l [-n] [--stats|--rate] [--exact] [--nosort] [-t|-u|-f service]",
                            Set.of(SERVICE, NUMERIC, STATS, RATE, EXACT, NOSORT, SORT),
                            ListCommand::from),
                    // ipvsadm prints its usage on -h whatever else is on the line.
                    new IpvsadmCommandSpec("help", "-h",
                            Set.of(SERVICE, NUMERIC, STATS, RATE, EXACT, NOSORT, SORT),
                            (options, names) -> new HelpCommand())),
            "list",
            Set.of("add-service", "edit-service", "delete-service", "clear", "zero", "add-server", "edit-server",
                    "delete-server", "set", "version", "restore", "save", "start-daemon", "stop-daemon",
                    "scheduler", "persistent", "netmask", "real-server", "masquerading", "ipip", "gatewaying",
                    "weight", "u-threshold", "l-threshold", "connection", "mcast-interface", "syncid", "timeout",
                    "daemon", "thresholds", "persistent-conn", "ipv6", "ops", "pe", "sched-flags", "mcast-group",
                    "mcast-port", "mcast-ttl", "sync-maxlen", "tun-info", "tun-type", "tun-port", "tun-nocsum",
                    "tun-csum", "tun-remcsum"),
            "AEDCZaedvRSspMrmigwxyc6ob");

    public IpvsadmGrammar {
        options = List.copyOf(options);
        commands = List.copyOf(commands);
        Objects.requireNonNull(defaultCommand, "defaultCommand");
        notYetLong = Set.copyOf(notYetLong);
        Objects.requireNonNull(notYetShort, "notYetShort");
        for (IpvsadmOption o : options) {
            if (o.role() == IpvsadmOption.Role.COMMAND && commands.stream().noneMatch(c -> c.name().equals(o.slot()))) {
                throw new IllegalArgumentException("command option: --" + o.longName() + " (expected: a command named '" + o.slot() + "')");
            }
        }
    }

    /** The listing commands of ipvsadm: {@code -L}/{@code -l} with their options, and {@code -h}. */
    public static IpvsadmGrammar standard() {
        return STANDARD;
    }

    /**
     * This grammar plus one command and the options it brings (its selector among them); their
     * names stop being "not supported yet". A repeated name is refused.
     */
    public IpvsadmGrammar withCommand(IpvsadmCommandSpec command, List<IpvsadmOption> newOptions) {
        List<IpvsadmOption> allOptions = new ArrayList<>(options);
        for (IpvsadmOption o : newOptions) {
            if (byLong(o.longName()).isPresent()) {
                throw new IllegalArgumentException("option: --" + o.longName() + " (expected: a name not yet in the grammar)");
            }
            for (char c : o.shortNames().toCharArray()) {
                if (byShort(c).isPresent()) {
                    throw new IllegalArgumentException("option: -" + c + " (expected: a name not yet in the grammar)");
                }
            }
            allOptions.add(o);
        }
        List<IpvsadmCommandSpec> allCommands = new ArrayList<>(commands);
        allCommands.add(command);
        Set<String> longLeft = notYetLong.stream()
                .filter(n -> newOptions.stream().noneMatch(o -> o.longName().equals(n)))
                .collect(Collectors.toSet());
        StringBuilder shortLeft = new StringBuilder();
        for (char c : notYetShort.toCharArray()) {
            if (newOptions.stream().noneMatch(o -> o.hasShortName(c))) {
                shortLeft.append(c);
            }
        }
        return new IpvsadmGrammar(allOptions, allCommands, defaultCommand, longLeft, shortLeft.toString());
    }

    Optional<IpvsadmOption> byLong(String name) {
        return options.stream().filter(o -> o.longName().equals(name)).findFirst();
    }

    Optional<IpvsadmOption> byShort(char c) {
        return options.stream().filter(o -> o.hasShortName(c)).findFirst();
    }

    IpvsadmCommandSpec command(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no command named " + name));
    }

    /** What a command line may look like, for "expected:" in errors. */
    String expected() {
        return commands.stream().map(IpvsadmCommandSpec::synopsis).collect(Collectors.joining(" | "));
    }
}
