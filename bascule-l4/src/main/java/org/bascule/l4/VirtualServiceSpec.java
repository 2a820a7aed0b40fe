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
 * configuration order) and the optional {@code sorry_server}, which takes the connections when
 * no real server is up with a weight above 0 (keepalived's quorum of 1); the scheduler's flags
 * ({@code sh-port}, {@code mh-fallback}, ...) and the client persistence
 * ({@code persistence_timeout}, {@code persistence_granularity}).
 *
 * <p>This tier serves {@code lb_kind NAT} over TCP as a user-space proxy; DR and TUN belong to
 * the packet engine, {@code fwmark} services to it as well, UDP comes later. They are rejected
 * here with a message that says so rather than half-served.
 */
public record VirtualServiceSpec(
        ServiceAddress address,
        String scheduler,
        ForwardingMethod method,
        List<RealServerSpec> realServers,
        Optional<InetSocketAddress> sorryServer,
        Set<SchedulerFlag> schedulerFlags,
        Optional<PersistenceSettings> persistence) {

    /** A service without scheduler flags or persistence. */
    public VirtualServiceSpec(ServiceAddress address, String scheduler, ForwardingMethod method,
            List<RealServerSpec> realServers, Optional<InetSocketAddress> sorryServer) {
        this(address, scheduler, method, realServers, sorryServer, Set.of(), Optional.empty());
    }

    public VirtualServiceSpec {
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
        if (protocol != L4Protocol.TCP) {
            throw new IllegalArgumentException("protocol: " + protocol + " (expected: TCP; the NAT proxy serves TCP only)");
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

    /** A NAT service over TCP on {@code vip} without a sorry server. */
    public static VirtualServiceSpec nat(InetSocketAddress vip, String scheduler, List<RealServerSpec> realServers) {
        return new VirtualServiceSpec(new ServiceAddress.Endpoint(L4Protocol.TCP, vip), scheduler,
                ForwardingMethod.MASQ, realServers, Optional.empty());
    }

    /** The same service with these scheduler flags. */
    public VirtualServiceSpec withSchedulerFlags(Set<SchedulerFlag> flags) {
        return new VirtualServiceSpec(address, scheduler, method, realServers, sorryServer, flags, persistence);
    }

    /** The same service with client persistence. */
    public VirtualServiceSpec withPersistence(Optional<PersistenceSettings> persistence) {
        return new VirtualServiceSpec(address, scheduler, method, realServers, sorryServer, schedulerFlags, persistence);
    }

    /** The VIP and port to listen on. */
    public InetSocketAddress vip() {
        return ((ServiceAddress.Endpoint) address).address();
    }
}
