package org.bascule.app.keepalived;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;
import org.bascule.config.keepalived.CheckConnection;
import org.bascule.config.keepalived.CheckSchedule;
import org.bascule.config.keepalived.Checker;
import org.bascule.config.keepalived.HttpGetCheck;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.LbKind;
import org.bascule.config.keepalived.Persistence;
import org.bascule.config.keepalived.Protocol;
import org.bascule.config.keepalived.RealServer;
import org.bascule.config.keepalived.TcpCheck;
import org.bascule.config.keepalived.VirtualServer;
import org.bascule.config.keepalived.VirtualServerAddress;
import org.bascule.config.keepalived.VirtualServerGroupEntry;
import org.bascule.health.CheckSpec;
import org.bascule.health.CheckTiming;
import org.bascule.health.TcpCheckSpec;
import org.bascule.l4.RealServerSpec;
import org.bascule.l4.VirtualServiceSpec;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.sched.ClientGranularity;
import org.bascule.sched.PersistenceSettings;
import org.bascule.sched.SchedulerFlag;
import org.bascule.sched.Schedulers;

/**
 * Maps keepalived's {@code virtual_server} blocks onto the L4 tier's NAT proxy. Everything
 * this version cannot serve as keepalived would is said, with the directive's position:
 * DR/TUN fall back to NAT (the packet engine does not exist yet), checkers other than
 * TCP_CHECK are replaced by a TCP connect to the same address, the locality schedulers
 * (lblc, lblcr) and ovf by wrr; fwmark services and UDP/SCTP are not served at all. Every other
 * IPVS scheduler, its flags and client persistence are served as IPVS does.
 */
public final class VirtualServerMapping {

    /** keepalived's range syntax expands at most this many addresses per group entry. */
    private static final int MAX_RANGE = 256;

    private final KeepalivedConfig config;
    private final List<VirtualServiceSpec> services = new ArrayList<>();
    private final List<Diagnostic> notes = new ArrayList<>();

    private VirtualServerMapping(KeepalivedConfig config) {
        this.config = config;
    }

    public static L4Plan plan(KeepalivedConfig config) {
        VirtualServerMapping m = new VirtualServerMapping(config);
        for (VirtualServer vs : config.virtualServers()) {
            m.map(vs);
        }
        return new L4Plan(m.services, m.notes);
    }

    private void map(VirtualServer vs) {
        Protocol protocol = vs.protocol().orElse(Protocol.TCP);
        if (protocol != Protocol.TCP) {
            note(vs.pos(), "virtual_server " + vs.name() + " is not served: protocol " + protocol
                    + " needs the UDP flow table, not built yet (only TCP is proxied)");
            return;
        }
        if (vs.forwarding().kind() != LbKind.NAT) {
            note(vs.pos(), "virtual_server " + vs.name() + ": lb_kind " + vs.forwarding().kind()
                    + " falls back to NAT (a user-space proxy; real servers see the balancer's address)"
                    + " until the packet engine exists");
        }
        String scheduler = vs.scheduler();
        if (Schedulers.find(scheduler).isEmpty()) {
            note(vs.pos(), "virtual_server " + vs.name() + ": lb_algo '" + scheduler
                    + "' is not available yet; balancing with wrr (weights kept)");
            scheduler = "wrr";
        }
        Set<SchedulerFlag> flags = schedulerFlags(vs);
        Optional<PersistenceSettings> persistence;
        try {
            persistence = vs.persistence().map(p -> persistence(vs, p));
        } catch (IllegalArgumentException e) {
            notes.add(new Diagnostic(Severity.ERROR, vs.pos(), "virtual_server " + vs.name() + ": " + e.getMessage()));
            return;
        }
        List<RealServerSpec> realServers = vs.realServers().stream().map(this::realServer).toList();
        Optional<InetSocketAddress> sorry = vs.sorryServer().map(s -> new InetSocketAddress(s.address(), s.port()));
        for (InetSocketAddress vip : vips(vs)) {
            try {
                services.add(new VirtualServiceSpec(new ServiceAddress.Endpoint(L4Protocol.TCP, vip),
                        scheduler, ForwardingMethod.MASQ, realServers, sorry, flags, persistence));
            } catch (IllegalArgumentException e) {
                notes.add(new Diagnostic(Severity.ERROR, vs.pos(), "virtual_server " + vs.name() + ": " + e.getMessage()));
            }
        }
    }

    /**
     * keepalived's flag keywords onto IPVS's scheduler flags: {@code flag-1} (= sh-fallback,
     * mh-fallback), {@code flag-2} (= sh-port, mh-port), {@code flag-3}. {@code ops} only exists
     * for UDP (the resolver already dropped it for TCP) and {@code hashed} is IPVS bookkeeping.
     */
    private static Set<SchedulerFlag> schedulerFlags(VirtualServer vs) {
        Set<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        for (var flag : vs.schedulerFlags()) {
            switch (flag) {
                case FLAG_1 -> flags.add(SchedulerFlag.FALLBACK);
                case FLAG_2 -> flags.add(SchedulerFlag.PORT);
                case FLAG_3 -> flags.add(SchedulerFlag.FLAG_3);
                case ONE_PACKET, HASHED -> { }
            }
        }
        return flags;
    }

    /** {@code persistence_timeout} and {@code persistence_granularity}; the SIP engine needs UDP. */
    private PersistenceSettings persistence(VirtualServer vs, Persistence p) {
        p.engine().ifPresent(engine -> note(vs.pos(), "virtual_server " + vs.name() + ": persistence_engine " + engine
                + " is not applied (it reads SIP Call-IDs over UDP); persistence is by client address"));
        ClientGranularity granularity = p.granularity().map(ClientGranularity::parse).orElse(ClientGranularity.HOST);
        return PersistenceSettings.of(p.timeout()).withGranularity(granularity);
    }

    /** The VIP:port pairs a virtual_server listens on (a group expands to its entries). */
    private List<InetSocketAddress> vips(VirtualServer vs) {
        return switch (vs.address()) {
            case VirtualServerAddress.Endpoint(InetAddress ip, int port) -> List.of(new InetSocketAddress(ip, port));
            case VirtualServerAddress.Fwmark f -> {
                note(vs.pos(), "virtual_server fwmark " + f.mark()
                        + " is not served: firewall marks need the packet engine");
                yield List.of();
            }
            case VirtualServerAddress.Group(String name) -> groupVips(vs, name);
        };
    }

    private List<InetSocketAddress> groupVips(VirtualServer vs, String name) {
        List<InetSocketAddress> vips = new ArrayList<>();
        // the parser reports an undefined group as an error, so the run never gets here without it
        for (VirtualServerGroupEntry entry : config.virtualServerGroup(name).map(g -> g.entries()).orElse(List.of())) {
            switch (entry) {
                case VirtualServerGroupEntry.AddressRange r when r.port().isPresent() ->
                        expand(r).forEach(ip -> vips.add(new InetSocketAddress(ip, r.port().getAsInt())));
                case VirtualServerGroupEntry.AddressRange r ->
                        note(r.pos(), "virtual_server_group " + name + ": an entry without a port needs the packet engine; not served");
                case VirtualServerGroupEntry.Fwmark f ->
                        note(f.pos(), "virtual_server_group " + name + ": fwmark " + f.mark() + " needs the packet engine; not served");
            }
        }
        if (vips.isEmpty()) {
            note(vs.pos(), "virtual_server group " + name + " has nothing the NAT proxy can serve");
        }
        return vips;
    }

    /** keepalived's {@code 10.0.0.1-10 80}: every address from first to last. */
    private List<InetAddress> expand(VirtualServerGroupEntry.AddressRange r) {
        BigInteger first = new BigInteger(1, r.first().getAddress());
        BigInteger last = new BigInteger(1, r.last().getAddress());
        List<InetAddress> out = new ArrayList<>();
        for (BigInteger i = first; i.compareTo(last) <= 0 && out.size() < MAX_RANGE; i = i.add(BigInteger.ONE)) {
            out.add(toAddress(i, r.first().getAddress().length));
        }
        if (last.subtract(first).compareTo(BigInteger.valueOf(MAX_RANGE)) >= 0) {
            note(r.pos(), "address range larger than " + MAX_RANGE + "; only the first " + MAX_RANGE + " are served");
        }
        return out;
    }

    private static InetAddress toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + length + " bytes", e);
        }
    }

    private RealServerSpec realServer(RealServer rs) {
        List<CheckSpec> checks = new ArrayList<>();
        for (Checker checker : rs.checkers()) {
            checkSpec(rs, checker).ifPresent(checks::add);
        }
        int weight = (int) Math.min(rs.weight(), RealServerSpec.MAX_WEIGHT);
        if (weight != rs.weight()) {
            note(rs.pos(), "real_server weight " + rs.weight() + " capped at " + RealServerSpec.MAX_WEIGHT);
        }
        if (rs.upperThreshold().isPresent() || rs.lowerThreshold().isPresent()) {
            note(rs.pos(), "real_server " + hostPort(rs) + ": uthreshold/lthreshold are not applied yet"
                    + " (IPVS's overload flag); the server takes connections without a limit");
        }
        return new RealServerSpec(new InetSocketAddress(rs.address(), rs.port()), weight, rs.inhibitOnFailure(), checks);
    }

    private Optional<CheckSpec> checkSpec(RealServer rs, Checker checker) {
        return switch (checker) {
            case TcpCheck(SourcePos pos, CheckConnection c, CheckSchedule s) -> Optional.of(tcp(c, s));
            case HttpGetCheck h -> {
                note(h.pos(), h.kind() + " is not run by this version: real_server " + hostPort(rs)
                        + " is checked with a TCP connect to "
                        + new VirtualServerAddress.Endpoint(h.connection().connectIp(), h.connection().connectPort()).hostPort()
                        + " instead");
                yield Optional.of(tcp(h.connection(), h.schedule()));
            }
            default -> {
                note(checker.pos(), checker.kind() + " is not run by this version: it does not take real_server "
                        + hostPort(rs) + " out (its other checkers still do)");
                yield Optional.empty();
            }
        };
    }

    private static TcpCheckSpec tcp(CheckConnection c, CheckSchedule s) {
        Optional<InetSocketAddress> bind = c.bindTo().map(ip -> new InetSocketAddress(ip, c.bindPort().orElse(0)));
        return new TcpCheckSpec(new InetSocketAddress(c.connectIp(), c.connectPort()), bind, c.connectTimeout(),
                new CheckTiming(s.delayLoop(), s.retry(), s.delayBeforeRetry(), s.alpha()));
    }

    private static String hostPort(RealServer rs) {
        return new VirtualServerAddress.Endpoint(rs.address(), rs.port()).hostPort();
    }

    private void note(SourcePos pos, String message) {
        notes.add(new Diagnostic(Severity.WARNING, pos, message));
    }
}
