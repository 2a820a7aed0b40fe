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
    static final String CONNECTION = "connection";
    static final String SCHEDULER = "scheduler";
    static final String PERSISTENT = "persistent";
    static final String NETMASK = "netmask";
    static final String SERVER = "real-server";
    static final String FORWARD = "forwarding-method";
    static final String WEIGHT = "weight";
    static final String TIMEOUT = "timeout";
    static final String DAEMON = "daemon";
    static final String PERSISTENT_CONN = "persistent-conn";

    private static final List<IpvsadmOption> SERVICE_OPTIONS = List.of(
            IpvsadmOption.valued("tcp-service", "t", SERVICE, "service-address", "service-address is host[:port]"),
            IpvsadmOption.valued("udp-service", "u", SERVICE, "service-address", "service-address is host[:port]"),
            IpvsadmOption.valued("sctp-service", "", SERVICE, "service-address", "service-address is host[:port]"),
            IpvsadmOption.valued("fwmark-service", "f", SERVICE, "fwmark", "fwmark is an integer greater than zero"));

    private static final List<IpvsadmOption> LIST_OPTIONS = List.of(
            IpvsadmOption.flag("numeric", "n", NUMERIC, "numeric output of addresses and ports"),
            IpvsadmOption.flag("stats", "", STATS, "output of statistics information"),
            IpvsadmOption.flag("rate", "", RATE, "output of rate information"),
            IpvsadmOption.flag("exact", "X", EXACT, "expand numbers (display exact values)"),
            IpvsadmOption.flag("nosort", "", NOSORT, "disable sorting output of service/server entries"),
            IpvsadmOption.flag("sort", "", SORT, "does nothing, for backwards compatibility"));

    private static final Set<String> LIST_SLOTS = Set.of(SERVICE, NUMERIC, STATS, RATE, EXACT, NOSORT, SORT);

    private static final IpvsadmGrammar STANDARD = new IpvsadmGrammar(
            concat(List.of(
                    IpvsadmOption.command("list", "Ll", "list the table"),
                    IpvsadmOption.command("help", "h", "display this help message")),
                    SERVICE_OPTIONS, LIST_OPTIONS),
            List.of(
                    new IpvsadmCommandSpec("list",
                            "-L|-l [-n] [--stats|--rate] [--exact] [--nosort] [-t|-u|-f service]",
                            LIST_SLOTS, ListCommand::from),
                    // ipvsadm prints its usage on -h whatever else is on the line.
                    new IpvsadmCommandSpec("help", "-h", LIST_SLOTS, (options, names) -> new HelpCommand())),
            "list",
            Set.of("add-service", "edit-service", "delete-service", "clear", "zero", "add-server", "edit-server",
                    "delete-server", "set", "version", "restore", "save", "start-daemon", "stop-daemon",
                    "scheduler", "persistent", "netmask", "real-server", "masquerading", "ipip", "gatewaying",
                    "weight", "u-threshold", "l-threshold", "connection", "mcast-interface", "syncid", "timeout",
                    "daemon", "thresholds", "persistent-conn", "ipv6", "ops", "pe", "sched-flags", "mcast-group",
                    "mcast-port", "mcast-ttl", "sync-maxlen", "tun-info", "tun-type", "tun-port", "tun-nocsum",
                    "tun-csum", "tun-remcsum"),
            "AEDCZaedvRSspMrmigwxyc6ob");

    /** Options of the editing commands, ipvsadm's popt table rows for them. */
    private static final List<IpvsadmOption> EDIT_OPTIONS = List.of(
            IpvsadmOption.valued("scheduler", "s", SCHEDULER, "scheduler", "scheduler (rr, wrr, ...; ipvsadm's default is wlc)"),
            IpvsadmOption.optionallyValued("persistent", "p", PERSISTENT, "[timeout]", "persistent service (default 300 s)"),
            IpvsadmOption.valued("netmask", "M", NETMASK, "netmask", "persistent granularity mask"),
            IpvsadmOption.valued("real-server", "r", SERVER, "server-address", "server-address is host (and port)"),
            IpvsadmOption.flag("gatewaying", "g", FORWARD, "gatewaying (direct routing) (default; served as NAT)"),
            IpvsadmOption.flag("ipip", "i", FORWARD, "ipip encapsulation (tunneling) (served as NAT)"),
            IpvsadmOption.flag("masquerading", "m", FORWARD, "masquerading (NAT)"),
            IpvsadmOption.valued("weight", "w", WEIGHT, "weight", "capacity of real server"),
            IpvsadmOption.flag("connection", "c", CONNECTION, "output of current IPVS connections"),
            IpvsadmOption.flag("timeout", "", TIMEOUT, "output of timeout (tcp tcpfin udp)"),
            IpvsadmOption.flag("daemon", "", DAEMON, "output of daemon information"),
            IpvsadmOption.flag("persistent-conn", "", PERSISTENT_CONN, "output of persistent connection info"));

    private static final Set<String> FULL_LIST_SLOTS = Set.of(SERVICE, NUMERIC, STATS, RATE, EXACT, NOSORT, SORT,
            CONNECTION, TIMEOUT, DAEMON, PERSISTENT_CONN);

    private static final IpvsadmGrammar FULL = new IpvsadmGrammar(
            concat(List.of(
                    IpvsadmOption.command("add-service", "A", "add virtual service with options"),
                    IpvsadmOption.command("edit-service", "E", "edit virtual service with options"),
                    IpvsadmOption.command("delete-service", "D", "delete virtual service"),
                    IpvsadmOption.command("clear", "C", "flush", "clear the whole table"),
                    IpvsadmOption.command("add-server", "a", "add real server with options"),
                    IpvsadmOption.command("edit-server", "e", "edit real server with options"),
                    IpvsadmOption.command("delete-server", "d", "delete real server"),
                    IpvsadmOption.command("list", "Ll", "list the table"),
                    IpvsadmOption.command("zero", "Z", "zero counters in a service or all services"),
                    IpvsadmOption.command("set", "", "set tcp tcpfin udp: set connection timeout values"),
                    IpvsadmOption.command("help", "h", "display this help message")),
                    SERVICE_OPTIONS, LIST_OPTIONS, EDIT_OPTIONS),
            List.of(
                    new IpvsadmCommandSpec("add-service", "-A -t|u|f service-address [-s scheduler] [-p [timeout]] [-M netmask]",
                            Set.of(SERVICE, SCHEDULER, PERSISTENT, NETMASK), ServiceCommand.builder(ServiceCommand.Action.ADD),
                            Set.of(SERVICE), List.of(), 0),
                    new IpvsadmCommandSpec("edit-service", "-E -t|u|f service-address [-s scheduler] [-p [timeout]] [-M netmask]",
                            Set.of(SERVICE, SCHEDULER, PERSISTENT, NETMASK), ServiceCommand.builder(ServiceCommand.Action.EDIT),
                            Set.of(SERVICE), List.of(), 0),
                    new IpvsadmCommandSpec("delete-service", "-D -t|u|f service-address",
                            Set.of(SERVICE), ServiceCommand.builder(ServiceCommand.Action.DELETE), Set.of(SERVICE), List.of(), 0),
                    new IpvsadmCommandSpec("flush", "-C", Set.of(), (options, names) -> new TableCommand.Clear()),
                    new IpvsadmCommandSpec("add-server", "-a -t|u|f service-address -r server-address [-g|-m|-i] [-w weight]",
                            Set.of(SERVICE, SERVER, FORWARD, WEIGHT), ServerCommand.builder(ServerCommand.Action.ADD),
                            Set.of(SERVICE, SERVER), List.of(), 0),
                    new IpvsadmCommandSpec("edit-server", "-e -t|u|f service-address -r server-address [-g|-m|-i] [-w weight]",
                            Set.of(SERVICE, SERVER, FORWARD, WEIGHT), ServerCommand.builder(ServerCommand.Action.EDIT),
                            Set.of(SERVICE, SERVER), List.of(), 0),
                    new IpvsadmCommandSpec("delete-server", "-d -t|u|f service-address -r server-address",
                            Set.of(SERVICE, SERVER), ServerCommand.builder(ServerCommand.Action.DELETE),
                            Set.of(SERVICE, SERVER), List.of(), 0),
                    new IpvsadmCommandSpec("list",
                            "-L|-l [-n] [--stats|--rate|--persistent-conn] [--exact] [--nosort] [-c|--timeout|--daemon|-t|-u|-f service]",
                            FULL_LIST_SLOTS, ListCommand::fromAny, Set.of(), List.of(CONNECTION, SERVICE, TIMEOUT, DAEMON), 0),
                    new IpvsadmCommandSpec("zero", "-Z [-t|u|f service-address]", Set.of(SERVICE), TableCommand::zero),
                    new IpvsadmCommandSpec("set", "--set tcp tcpfin udp", Set.of(), TableCommand::set, Set.of(), List.of(), 3),
                    new IpvsadmCommandSpec("help", "-h", FULL_LIST_SLOTS, (options, names) -> new HelpCommand())),
            "list",
            Set.of("version", "restore", "save", "start-daemon", "stop-daemon", "u-threshold", "l-threshold",
                    "mcast-interface", "syncid", "thresholds", "ipv6", "ops", "pe", "sched-flags", "mcast-group",
                    "mcast-port", "mcast-ttl", "sync-maxlen", "tun-info", "tun-type", "tun-port", "tun-nocsum",
                    "tun-csum", "tun-remcsum"),
            "vRSxy6ob");

    @SafeVarargs
    private static List<IpvsadmOption> concat(List<IpvsadmOption>... lists) {
        List<IpvsadmOption> all = new ArrayList<>();
        for (List<IpvsadmOption> l : lists) {
            all.addAll(l);
        }
        return all;
    }

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
     * Listing and editing, for a table that can be edited: {@code -A -E -D -C -a -e -d -Z --set},
     * and {@code -L} with {@code -c}, {@code --timeout}, {@code --daemon}, {@code --persistent-conn}.
     */
    public static IpvsadmGrammar full() {
        return FULL;
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
