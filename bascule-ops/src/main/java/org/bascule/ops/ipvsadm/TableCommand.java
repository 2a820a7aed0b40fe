package org.bascule.ops.ipvsadm;

import java.util.Objects;
import java.util.Optional;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.ServiceAddress;

/** ipvsadm's commands on the whole table and its settings, and the listings that are not the service table. */
public sealed interface TableCommand extends IpvsadmCommand {

    /** {@code ipvsadm -C}: delete every service. */
    record Clear() implements TableCommand {}

    /** {@code ipvsadm -Z [-t|-u|-f service]}: zero the counters of one service or all. */
    record Zero(Optional<ServiceAddress> service) implements TableCommand {
        public Zero {
            Objects.requireNonNull(service, "service");
        }
    }

    /** {@code ipvsadm --set tcp tcpfin udp}; a 0 keeps the current value. */
    record SetTimeouts(IpvsTimeouts timeouts) implements TableCommand {
        public SetTimeouts {
            Objects.requireNonNull(timeouts, "timeouts");
        }
    }

    /** {@code ipvsadm -L --timeout}. */
    record ListTimeouts() implements TableCommand {}

    /** {@code ipvsadm -L --daemon}: the sync daemons; Bascule runs none, so nothing is printed, as ipvsadm prints nothing then. */
    record ListDaemons() implements TableCommand {}

    /** {@code ipvsadm -L -c [-n] [--persistent-conn]}: the connection entries. */
    record ListConnections(boolean numeric, boolean persistentConn) implements TableCommand {}

    static TableCommand zero(ParsedOptions options, NameResolver names) {
        return new Zero(options.has(IpvsadmGrammar.SERVICE) ? Optional.of(EditArgs.service(options, names)) : Optional.empty());
    }

    static TableCommand set(ParsedOptions options, NameResolver names) {
        if (options.arguments().size() != 3) {
            throw IpvsadmException.usage("ipvsadm: --set option requires 3 timeout values (expected: --set tcp tcpfin udp)");
        }
        return new SetTimeouts(new IpvsTimeouts(EditArgs.timeout(options.arguments().get(0), 0),
                EditArgs.timeout(options.arguments().get(1), 0), EditArgs.timeout(options.arguments().get(2), 0)));
    }
}
