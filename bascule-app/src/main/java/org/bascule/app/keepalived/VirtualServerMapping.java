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
import org.bascule.config.keepalived.PingCheck;
import org.bascule.config.keepalived.MiscCheck;
import org.bascule.config.keepalived.NotifyScript;
import org.bascule.config.keepalived.Quorum;
import org.bascule.config.keepalived.Persistence;
import org.bascule.config.keepalived.Protocol;
import org.bascule.config.keepalived.RealServer;
import org.bascule.config.keepalived.StatusCodeRange;
import org.bascule.config.keepalived.TcpCheck;
import org.bascule.config.keepalived.UrlCheck;
import org.bascule.config.keepalived.VirtualServer;
import org.bascule.config.keepalived.VirtualServerAddress;
import org.bascule.config.keepalived.VirtualServerGroupEntry;
import org.bascule.health.CheckSpec;
import org.bascule.health.CheckTiming;
import org.bascule.health.PingCheckSpec;
import org.bascule.health.HttpCheckSpec;
import org.bascule.health.MiscCheckSpec;
import org.bascule.health.Script;
import org.bascule.health.ScriptUser;
import org.bascule.health.StatusCodes;
import org.bascule.health.TcpCheckSpec;
import org.bascule.health.UrlSpec;
import org.bascule.health.http.HttpVersion;
import org.bascule.l4.QuorumSpec;
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
 * TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK and PING_CHECK are not run, a url's {@code regex}
 * is not tested, the locality schedulers (lblc, lblcr) and ovf become wrr; fwmark services and
 * SCTP are not served at all. Every other IPVS scheduler, its flags and client persistence are
 * served as IPVS does. The quorum's hysteresis is read as the first source document describes
 * it (R-V3), which differs from keepalived 2.2's reading: said once per service that sets one.
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
        if (protocol != Protocol.TCP && protocol != Protocol.UDP) {
            note(vs.pos(), "virtual_server " + vs.name() + " is not served: protocol " + protocol
                    + " (the NAT proxy serves TCP and UDP)");
            return;
        }
        L4Protocol l4 = protocol == Protocol.UDP ? L4Protocol.UDP : L4Protocol.TCP;
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
        QuorumSpec quorum = quorum(vs, realServers);
        boolean sorryInhibit = vs.sorryServer().map(s -> s.inhibit()).orElse(false);
        for (InetSocketAddress vip : vips(vs)) {
            try {
                services.add(new VirtualServiceSpec(new ServiceAddress.Endpoint(l4, vip),
                        scheduler, ForwardingMethod.MASQ, realServers, sorry, flags, persistence,
                        quorum, sorryInhibit, vs.omega()));
            } catch (IllegalArgumentException e) {
                notes.add(new Diagnostic(Severity.ERROR, vs.pos(), "virtual_server " + vs.name() + ": " + e.getMessage()));
            }
        }
    }

    /**
     * keepalived's quorum settings; a quorum above the total weight is lowered to it, as
     * keepalived does ("reducing quorum", ipwrapper.c), so that the service can ever be up.
     */
    private QuorumSpec quorum(VirtualServer vs, List<RealServerSpec> realServers) {
        Quorum q = vs.quorum();
        long total = realServers.stream().mapToLong(RealServerSpec::weight).sum();
        long quorum = q.quorum();
        if (quorum > total && total > 0) {
            note(vs.pos(), "virtual_server " + vs.name() + ": quorum " + quorum + " exceeds the total weight of its real servers "
                    + total + "; reducing it to " + total + " as keepalived does");
            quorum = total;
        }
        long hysteresis = Math.min(q.hysteresis(), quorum - 1);
        if (hysteresis != q.hysteresis()) {
            note(vs.pos(), "virtual_server " + vs.name() + ": hysteresis " + q.hysteresis() + " lowered to " + hysteresis
                    + " (at most quorum - 1)");
        }
        if (hysteresis > 0) {
            note(vs.pos(), "virtual_server " + vs.name() + ": hysteresis " + hysteresis + " is the minimum weight change between"
                    + " quorum_down and quorum_up (quorum " + quorum + ": down below " + quorum + ", up again " + hysteresis
                    + " above the weight it went down at), as the source document describes; keepalived 2.2 instead goes down"
                    + " below " + (quorum - hysteresis) + " and up at " + (quorum + hysteresis));
        }
        return new QuorumSpec(quorum, hysteresis, q.up().map(VirtualServerMapping::script), q.down().map(VirtualServerMapping::script),
                org.bascule.l4.Quorum.Rule.SOURCE_DOCUMENT);
    }

    private static Script script(NotifyScript n) {
        return new Script(n.command(), n.user().map(VirtualServerMapping::user));
    }

    private static ScriptUser user(org.bascule.config.keepalived.ScriptUser u) {
        return new ScriptUser(u.user(), u.group());
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
        return new RealServerSpec(new InetSocketAddress(rs.address(), rs.port()), weight, rs.inhibitOnFailure(), checks,
                rs.notifyUp().map(VirtualServerMapping::script), rs.notifyDown().map(VirtualServerMapping::script));
    }

    private Optional<CheckSpec> checkSpec(RealServer rs, Checker checker) {
        try {
            return switch (checker) {
                case TcpCheck(SourcePos pos, CheckConnection c, CheckSchedule s) -> Optional.of(tcp(c, s));
                case PingCheck(SourcePos pos, CheckConnection c, CheckSchedule s) -> Optional.of(new PingCheckSpec(
                        c.connectIp(), c.bindTo(), c.bindInterface(), c.connectTimeout(), timing(s)));
                case HttpGetCheck h -> Optional.of(http(h));
                case MiscCheck m -> Optional.of(new MiscCheckSpec(m.path(), m.timeout(), m.dynamic(),
                        m.user().map(VirtualServerMapping::user), timing(m.schedule())));
                default -> {
                    note(checker.pos(), checker.kind() + " is not run by this version: it does not take real_server "
                            + hostPort(rs) + " out (its other checkers still do)");
                    yield Optional.empty();
                }
            };
        } catch (IllegalArgumentException e) {
            notes.add(new Diagnostic(Severity.ERROR, checker.pos(), checker.kind() + " of real_server " + hostPort(rs) + ": "
                    + e.getMessage()));
            return Optional.empty();
        }
    }

    private HttpCheckSpec http(HttpGetCheck h) {
        List<UrlSpec> urls = new ArrayList<>();
        for (UrlCheck u : h.urls()) {
            if (u.regex().isPresent()) {
                note(u.pos(), "url " + u.path() + ": regex is not tested by this version (status_code and digest are)");
            }
            StatusCodes codes = new StatusCodes(u.statusCodes().stream()
                    .map((StatusCodeRange r) -> new StatusCodes.Range(r.from(), r.to())).toList());
            urls.add(new UrlSpec(u.path(), u.digest(), codes, u.virtualhost()));
        }
        CheckConnection c = h.connection();
        return new HttpCheckSpec(new InetSocketAddress(c.connectIp(), c.connectPort()), bind(c), c.connectTimeout(),
                timing(h.schedule()), h.ssl(), h.enableSni(), HttpVersion.fromKeyword(h.httpProtocol()), urls);
    }

    private static TcpCheckSpec tcp(CheckConnection c, CheckSchedule s) {
        return new TcpCheckSpec(new InetSocketAddress(c.connectIp(), c.connectPort()), bind(c), c.connectTimeout(), timing(s));
    }

    private static Optional<InetSocketAddress> bind(CheckConnection c) {
        return c.bindTo().map(ip -> new InetSocketAddress(ip, c.bindPort().orElse(0)));
    }

    private static CheckTiming timing(CheckSchedule s) {
        return new CheckTiming(s.delayLoop(), s.retry(), s.delayBeforeRetry(), s.alpha()).withWarmup(s.warmup());
    }

    private static String hostPort(RealServer rs) {
        return new VirtualServerAddress.Endpoint(rs.address(), rs.port()).hostPort();
    }

    private void note(SourcePos pos, String message) {
        notes.add(new Diagnostic(Severity.WARNING, pos, message));
    }
}
