package org.bascule.ops.ipvsadm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.IpvsTable;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceView;
import org.bascule.l4.table.TrafficCounters;
import org.bascule.l4.table.TrafficRates;

/**
 * Prints the table as {@code ipvsadm -L} does, byte for byte: ipvsadm.c's {@code list_all} (the
 * "IP Virtual Server version" line, then the title and every service) or {@code list_service}
 * (title and the one service, no version line), {@code print_title}'s headers, and
 * {@code print_service_entry}'s lines, with their printf widths:
 * <pre>
 *   service   "%s %s" name, scheduler [" (flags)"] [" persistent %u" [" mask %s"]]
 *   --stats   "%-33s" name, then five 9-wide counters (print_largenum)
 *   real      "  -> %-28s %-7s %-6d %-10u %-10u" address, Forward, Weight, ActiveConn, InActConn
 * </pre>
 * An IPv4 service name is cut at 33 characters and an IPv4 real server at 28, as ipvsadm cuts its
 * buffers; IPv6 ones are not, so their columns shift right exactly as ipvsadm's do.
 */
public final class IpvsadmListing {
    /** IPVS's version as the kernel reports it; unchanged since Linux 2.6.28 (IP_VS_VERSION_CODE 0x010201). */
    static final String IPVS_VERSION = "1.2.1";
    /** The connection table size ipvsadm prints: 2^12, the kernel's default {@code ip_vs_conn_tab_bits}. */
    static final int CONN_TAB_SIZE = 4096;

    private static final String SERVICE_COLUMN = "Prot LocalAddress:Port";

    private final NameResolver names;

    public IpvsadmListing(NameResolver names) {
        this.names = Objects.requireNonNull(names, "names");
    }

    /**
     * The listing for one {@code -L} command; throws {@link IpvsadmException} (exit 1, ipvsadm's
     * "No such service") when {@code -t}/{@code -u}/{@code -f} names a service not in the table.
     */
    public String list(IpvsTable table, ListCommand command) {
        StringBuilder out = new StringBuilder();
        if (command.service().isPresent()) {
            ServiceFilter filter = command.service().get();
            ServiceView service = table.services().stream().filter(s -> filter.matches(s.address())).findFirst()
                    .orElseThrow(() -> new IpvsadmException(IpvsadmException.NOT_FOUND,
                            "ipvsadm: No such service '" + filter + "'"));
            title(out, command.columns());
            service(out, service, command);
        } else {
            out.append("IP Virtual Server version ").append(IPVS_VERSION).append(" (size=").append(CONN_TAB_SIZE).append(")\n");
            title(out, command.columns());
            List<ServiceView> services = command.sorted() ? IpvsadmOrder.services(table.services()) : table.services();
            for (ServiceView s : services) {
                service(out, s, command);
            }
        }
        return out.toString();
    }

    private static void title(StringBuilder out, ListCommand.Columns columns) {
        switch (columns) {
            case CONNECTIONS -> out.append("Prot LocalAddress:Port Scheduler Flags\n")
                    .append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
            case STATS -> counterTitle(out, "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
            case RATE -> counterTitle(out, "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
            case PERSISTENT_CONN -> out.append(Text.padRight(SERVICE_COLUMN, 33)).append(' ')
                    .append(Text.padRight("Weight", 9)).append(' ').append(Text.padRight("PersistConn", 11)).append(' ')
                    .append(Text.padRight("ActiveConn", 10)).append(' ').append(Text.padRight("InActConn", 10))
                    .append("\n  -> RemoteAddress:Port\n");
        }
    }

    private static void counterTitle(StringBuilder out, String... headings) {
        out.append(Text.padRight(SERVICE_COLUMN, 33));
        for (String h : headings) {
            out.append(' ').append(Text.padLeft(h, 8));
        }
        out.append("\n  -> RemoteAddress:Port\n");
    }

    private void service(StringBuilder out, ServiceView s, ListCommand command) {
        boolean ipv6 = IpvsadmOrder.isIpv6(s);
        Optional<L4Protocol> protocol = Optional.empty();
        String name;
        switch (s.address()) {
            case ServiceAddress.Fwmark(int mark) -> name = "FWM  " + mark + (ipv6 ? " IPv6" : "");
            case ServiceAddress.Endpoint(L4Protocol p, var address) -> {
                protocol = Optional.of(p);
                name = Text.padRight(p.name(), 4) + " "
                        + AddressText.addrPort(AddressText.ip(address), address.getPort(), protocol, command.numeric(), names);
                if (!ipv6 && name.length() > 33) {
                    name = name.substring(0, 33);
                }
            }
        }
        switch (command.columns()) {
            // print_service_entry has no --persistent-conn branch: the service line is the default one
            case CONNECTIONS, PERSISTENT_CONN -> {
                out.append(name).append(' ').append(s.scheduler());
                if (!s.schedulerFlags().isEmpty()) {
                    out.append(" (").append(String.join(",", s.schedulerFlags())).append(')');
                }
                s.persistence().ifPresent(p -> {
                    out.append(" persistent ").append(Integer.toUnsignedString(p.timeoutSeconds()));
                    mask(p, ipv6).ifPresent(m -> out.append(" mask ").append(m));
                });
            }
            case STATS -> counters(out.append(Text.padRight(name, 33)), s.counters(), command.exact());
            case RATE -> rates(out.append(Text.padRight(name, 33)), s.rates(), command.exact());
        }
        out.append('\n');
        List<DestinationView> destinations = command.sorted() ? IpvsadmOrder.destinations(s.destinations()) : s.destinations();
        for (DestinationView d : destinations) {
            destination(out, d, protocol, command);
        }
    }

    private void destination(StringBuilder out, DestinationView d, Optional<L4Protocol> protocol, ListCommand command) {
        InetAddress address = AddressText.ip(d.address());
        String name = AddressText.addrPort(address, d.address().getPort(), protocol, command.numeric(), names);
        if (!AddressText.isIpv6(address) && name.length() > 28) {
            name = name.substring(0, 28);
        }
        out.append("  -> ").append(Text.padRight(name, 28));
        switch (command.columns()) {
            case CONNECTIONS -> out.append(' ').append(Text.padRight(d.method().ipvsadmLabel(), 7))
                    .append(' ').append(Text.padRight(Integer.toString(d.weight()), 6))
                    .append(' ').append(Text.padRight(Long.toUnsignedString(d.activeConns()), 10))
                    .append(' ').append(Text.padRight(Long.toUnsignedString(d.inactiveConns()), 10));
            case STATS -> counters(out, d.counters(), command.exact());
            // "%-9u %-11u %-10u %-10u": weight, persistence templates (none without a persistence engine), conns
            case PERSISTENT_CONN -> out.append(' ').append(Text.padRight(Integer.toString(d.weight()), 9))
                    .append(' ').append(Text.padRight("0", 11))
                    .append(' ').append(Text.padRight(Long.toUnsignedString(d.activeConns()), 10))
                    .append(' ').append(Text.padRight(Long.toUnsignedString(d.inactiveConns()), 10));
            case RATE -> {
                // ipvsadm prints a real server's packet rates with a plain "%8llu", only its byte rates with print_largenum.
                TrafficRates r = d.rates();
                out.append(' ').append(Text.padLeft(Long.toUnsignedString(r.cps()), 8))
                        .append(' ').append(Text.padLeft(Long.toUnsignedString(r.inPps()), 8))
                        .append(' ').append(Text.padLeft(Long.toUnsignedString(r.outPps()), 8))
                        .append(LargeNumber.format(r.inBps(), command.exact()))
                        .append(LargeNumber.format(r.outBps(), command.exact()));
            }
        }
        out.append('\n');
    }

    /**
     * {@code ipvsadm -Lc}: {@code list_conn}'s two title lines, then one {@code print_conn} line per
     * entry, {@code "%-3s %-6s %-11s %-18s %-18s %s"}: protocol, expiry as {@code %02d:%02d}
     * (minutes may pass 99 and widen), state, client, virtual address, real server, each as
     * {@code addrport_to_anyname} writes it (names unless {@code -n}). With
     * {@code --persistent-conn} the title has the persistence-engine columns; entries without
     * engine data keep the short form, as ipvsadm prints them.
     */
    public String connections(List<ConnectionView> entries, boolean numeric, boolean persistentConn) {
        StringBuilder out = new StringBuilder("IPVS connection entries\n");
        out.append("pro expire ").append(Text.padRight("state", 11)).append(' ').append(Text.padRight("source", 18))
                .append(' ').append(Text.padRight("virtual", 18)).append(' ');
        if (persistentConn) {
            out.append(Text.padRight("destination", 18)).append(' ').append(Text.padRight("pe name", 16)).append(" pe_data\n");
        } else {
            out.append("destination\n");
        }
        for (ConnectionView c : entries) {
            Optional<L4Protocol> protocol = Optional.of(c.protocol());
            long minutes = c.expiresInSeconds() / 60;
            long seconds = c.expiresInSeconds() % 60;
            String expire = (minutes < 10 ? "0" : "") + minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
            out.append(Text.padRight(c.protocol().name(), 3)).append(' ').append(Text.padRight(expire, 6)).append(' ')
                    .append(Text.padRight(c.state(), 11)).append(' ')
                    .append(Text.padRight(name(c.client(), protocol, numeric), 18)).append(' ')
                    .append(Text.padRight(name(c.virtual(), protocol, numeric), 18)).append(' ')
                    .append(name(c.destination(), protocol, numeric)).append('\n');
        }
        return out.toString();
    }

    /** {@code ipvsadm -L --timeout}: {@code "Timeout (tcp tcpfin udp): %d %d %d"}. */
    public static String timeouts(IpvsTimeouts t) {
        return "Timeout (tcp tcpfin udp): " + t.tcpSeconds() + " " + t.tcpFinSeconds() + " " + t.udpSeconds() + "\n";
    }

    private String name(java.net.InetSocketAddress a, Optional<L4Protocol> protocol, boolean numeric) {
        return AddressText.addrPort(AddressText.ip(a), a.getPort(), protocol, numeric, names);
    }

    private static void counters(StringBuilder out, TrafficCounters c, boolean exact) {
        out.append(LargeNumber.format(c.conns(), exact))
                .append(LargeNumber.format(c.inPackets(), exact))
                .append(LargeNumber.format(c.outPackets(), exact))
                .append(LargeNumber.format(c.inBytes(), exact))
                .append(LargeNumber.format(c.outBytes(), exact));
    }

    private static void rates(StringBuilder out, TrafficRates r, boolean exact) {
        out.append(LargeNumber.format(r.cps(), exact))
                .append(LargeNumber.format(r.inPps(), exact))
                .append(LargeNumber.format(r.outPps(), exact))
                .append(LargeNumber.format(r.inBps(), exact))
                .append(LargeNumber.format(r.outBps(), exact));
    }

    /**
     * {@code persistence_granularity} as ipvsadm prints it after "mask": for IPv4 the dotted mask
     * ({@code inet_ntoa}), omitted when it is the host mask 255.255.255.255; for IPv6 the prefix
     * length, omitted when 128. A prefix length given for IPv4 is shown dotted; text that is
     * neither is shown as it is, so a bad value is visible rather than hidden.
     */
    static Optional<String> mask(Persistence p, boolean ipv6) {
        String raw = p.netmask() == null ? "" : p.netmask().trim();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String prefixText = raw.startsWith("/") ? raw.substring(1) : raw;
        int prefix = prefixText.chars().allMatch(Character::isDigit) && prefixText.length() <= 3 && !prefixText.isEmpty()
                ? Integer.parseInt(prefixText) : -1;
        if (ipv6) {
            if (prefix >= 0 && prefix <= 128) {
                return prefix == 128 ? Optional.empty() : Optional.of(Integer.toString(prefix));
            }
            return Optional.of(raw);
        }
        if (prefix >= 0 && prefix <= 32 && !raw.contains(".")) {
            return prefix == 32 ? Optional.empty() : Optional.of(dotted(prefix == 0 ? 0 : -1 << (32 - prefix)));
        }
        try {
            if (InetAddress.ofLiteral(raw) instanceof Inet4Address v4) {
                String text = v4.getHostAddress();
                return text.equals("255.255.255.255") ? Optional.empty() : Optional.of(text);
            }
        } catch (IllegalArgumentException notAnAddress) {
            // shown as written below
        }
        return Optional.of(raw);
    }

    private static String dotted(int mask) {
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }
}
