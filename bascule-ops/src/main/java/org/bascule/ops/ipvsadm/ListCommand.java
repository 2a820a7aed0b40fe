package org.bascule.ops.ipvsadm;

import java.util.Objects;
import java.util.Optional;
import org.bascule.l4.table.L4Protocol;

/**
 * {@code ipvsadm -L}: which table view to print and how, ipvsadm's {@code FMT_*} format flags.
 *
 * @param numeric {@code -n}: addresses and ports as numbers; without it, names as ipvsadm resolves them
 * @param columns the default columns, {@code --stats} or {@code --rate}
 * @param exact   {@code --exact}: counters in full, without K/M/G/T
 * @param sorted  services and real servers in ipvsadm's order (the default); {@code --nosort}
 *                keeps the table's own order, as IPVS's hash order is kept by ipvsadm
 * @param service {@code -t}/{@code -u}/{@code -f}: list that one service only
 */
public record ListCommand(boolean numeric, Columns columns, boolean exact, boolean sorted, Optional<ServiceFilter> service)
        implements IpvsadmCommand {

    /** The column sets of {@code print_title}. */
    public enum Columns {
        /** Forward, Weight, ActiveConn, InActConn. */
        CONNECTIONS,
        /** {@code --stats}: Conns, InPkts, OutPkts, InBytes, OutBytes. */
        STATS,
        /** {@code --rate}: CPS, InPPS, OutPPS, InBPS, OutBPS. */
        RATE,
        /** {@code --persistent-conn}: Weight, PersistConn, ActiveConn, InActConn. */
        PERSISTENT_CONN
    }

    public ListCommand {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(service, "service");
    }

    /**
     * Builds the command from its options, as ipvsadm's {@code parse_options} sets {@code FMT_*}
     * flags. {@code --stats} wins over {@code --rate} when both are given, as in {@code print_title}.
     */
    static ListCommand from(ParsedOptions options, NameResolver names) {
        Columns columns = options.has(IpvsadmGrammar.STATS) ? Columns.STATS
                : options.has(IpvsadmGrammar.RATE) ? Columns.RATE
                : options.has(IpvsadmGrammar.PERSISTENT_CONN) ? Columns.PERSISTENT_CONN
                : Columns.CONNECTIONS;
        Optional<ServiceFilter> service = options.get(IpvsadmGrammar.SERVICE).map(o -> {
            String value = o.value().orElseThrow();
            return switch (o.option().longName()) {
                case "tcp-service" -> ServiceSpecs.endpoint(L4Protocol.TCP, value, names);
                case "udp-service" -> ServiceSpecs.endpoint(L4Protocol.UDP, value, names);
                case "sctp-service" -> ServiceSpecs.endpoint(L4Protocol.SCTP, value, names);
                case "fwmark-service" -> ServiceSpecs.fwmark(value);
                default -> throw new IllegalStateException("service option " + o.token() + " has no reader");
            };
        });
        return new ListCommand(options.has(IpvsadmGrammar.NUMERIC), columns, options.has(IpvsadmGrammar.EXACT),
                !options.has(IpvsadmGrammar.NOSORT), service);
    }

    /**
     * The list command of the full grammar: {@code -c} lists connections, {@code --timeout} the
     * timeouts, {@code --daemon} the sync daemons, anything else the table; as
     * {@code process_options}, {@code -c}/{@code --timeout}/{@code --daemon} refuse
     * {@code --stats}/{@code --rate} ("options conflicts in the list command").
     */
    static IpvsadmCommand fromAny(ParsedOptions options, NameResolver names) {
        boolean special = options.has(IpvsadmGrammar.CONNECTION) || options.has(IpvsadmGrammar.TIMEOUT)
                || options.has(IpvsadmGrammar.DAEMON);
        if (special && (options.has(IpvsadmGrammar.STATS) || options.has(IpvsadmGrammar.RATE))) {
            throw IpvsadmException.usage("ipvsadm: options conflicts in the list command");
        }
        if (options.has(IpvsadmGrammar.CONNECTION)) {
            return new TableCommand.ListConnections(options.has(IpvsadmGrammar.NUMERIC), options.has(IpvsadmGrammar.PERSISTENT_CONN));
        }
        if (options.has(IpvsadmGrammar.TIMEOUT)) {
            return new TableCommand.ListTimeouts();
        }
        if (options.has(IpvsadmGrammar.DAEMON)) {
            return new TableCommand.ListDaemons();
        }
        return from(options, names);
    }

    /** The same listing of one service only. */
    public ListCommand withService(ServiceFilter filter) {
        return new ListCommand(numeric, columns, exact, sorted, Optional.of(filter));
    }

    /** {@code ipvsadm -Ln}. */
    public static ListCommand numericAll() {
        return new ListCommand(true, Columns.CONNECTIONS, false, true, Optional.empty());
    }
}
