package org.bascule.l4;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.sched.PersistenceSettings;
import org.bascule.sched.SchedulerFlag;
import org.bascule.sched.Schedulers;

/**
 * keepalived's {@code virtual_server IP PORT} block as the L4 tier needs it: the service address
 * with its {@code protocol}, {@code lb_algo}, {@code lb_kind}, the {@code real_server}s (in
 * configuration order) and the optional {@code sorry_server}, which takes the connections while
 * the service lacks its {@code quorum} (by default 1: while no real server is up with a weight
 * above 0); the scheduler's flags ({@code sh-port}, {@code mh-fallback}, ...) and the client
 * persistence ({@code persistence_timeout}, {@code persistence_granularity}).
 * {@code sorry_server_inhibit} keeps the sorry server listed with weight 0 while it is not
 * needed; {@code omega} runs {@code quorum_down} and the {@code notify_down} of live servers
 * when the service stops.
 *
 * <p>This tier serves {@code lb_kind NAT} over TCP and UDP as a user-space proxy; DR and TUN belong to
 * the packet engine, {@code fwmark} services to it as well, SCTP is not served. They are rejected
 * here with a message that says so rather than half-served.
 */
public record VirtualServiceSpec(
        ServiceAddress address,
        String scheduler,
        ForwardingMethod method,
        List<RealServerSpec> realServers,
        Optional<InetSocketAddress> sorryServer,
        Set<SchedulerFlag> schedulerFlags,
        Optional<PersistenceSettings> persistence,
        QuorumSpec quorum,
        boolean sorryInhibit,
        boolean omega) {

    public VirtualServiceSpec {
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        realServers = List.copyOf(Objects.requireNonNull(realServers, "realServers"));
        Objects.requireNonNull(sorryServer, "sorryServer");
        schedulerFlags = Set.copyOf(Objects.requireNonNull(schedulerFlags, "schedulerFlags"));
        Objects.requireNonNull(persistence, "persistence");
        scheduler = Schedulers.requireKnown(scheduler); // p2c is twos
        if (!(address instanceof ServiceAddress.Endpoint(L4Protocol protocol, InetSocketAddress vip))) {
            throw new IllegalArgumentException("virtual_server: " + address
                    + " (expected: IP PORT; fwmark services need the packet engine)");
        }
        if (protocol == L4Protocol.SCTP) {
            throw new IllegalArgumentException("protocol: " + protocol + " (expected: TCP or UDP; the NAT proxy has no SCTP)");
        }
        if (vip.isUnresolved()) {
            throw new IllegalArgumentException("virtual_server: " + vip.getHostString() + " (expected: an IP address)");
        }
        if (method != ForwardingMethod.MASQ) {
            throw new IllegalArgumentException("lb_kind: " + method.ipvsadmLabel()
                    + " (expected: NAT; DR and TUN need the packet engine)");
        }
        Set<InetSocketAddress> seen = new HashSet<>();
        for (RealServerSpec rs : realServers) {
            if (!seen.add(rs.address())) {
                throw new IllegalArgumentException("real_server: " + rs.address() + " (expected: each server once per service)");
            }
        }
    }

    /**
     * A service without scheduler flags or persistence, with keepalived's default quorum (1, no
     * hysteresis, no scripts), no inhibit, no omega.
     */
    public VirtualServiceSpec(ServiceAddress address, String scheduler, ForwardingMethod method,
            List<RealServerSpec> realServers, Optional<InetSocketAddress> sorryServer) {
        this(address, scheduler, method, realServers, sorryServer, Set.of(), Optional.empty(),
                QuorumSpec.DEFAULT, false, false);
    }

    /** A NAT service over TCP on {@code vip} without a sorry server. */
    public static VirtualServiceSpec nat(InetSocketAddress vip, String scheduler, List<RealServerSpec> realServers) {
        return new VirtualServiceSpec(new ServiceAddress.Endpoint(L4Protocol.TCP, vip), scheduler,
                ForwardingMethod.MASQ, realServers, Optional.empty());
    }

    /** The same service with these scheduler flags. */
    public VirtualServiceSpec withSchedulerFlags(Set<SchedulerFlag> flags) {
        return new VirtualServiceSpec(address, scheduler, method, realServers, sorryServer, flags, persistence,
                quorum, sorryInhibit, omega);
    }

    /** The same service with client persistence. */
    public VirtualServiceSpec withPersistence(Optional<PersistenceSettings> persistence) {
        return new VirtualServiceSpec(address, scheduler, method, realServers, sorryServer, schedulerFlags, persistence,
                quorum, sorryInhibit, omega);
    }

    /** The same service with this quorum, {@code sorry_server_inhibit} and {@code omega}. */
    public VirtualServiceSpec withQuorum(QuorumSpec quorum, boolean sorryInhibit, boolean omega) {
        return new VirtualServiceSpec(address, scheduler, method, realServers, sorryServer, schedulerFlags, persistence,
                quorum, sorryInhibit, omega);
    }

    /** The VIP and port to listen on. */
    public InetSocketAddress vip() {
        return ((ServiceAddress.Endpoint) address).address();
    }
}
