package org.bascule.l4;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.health.CheckSpec;
import org.bascule.health.CheckTiming;
import org.bascule.health.HealthMonitor;
import org.bascule.health.TcpCheckSpec;

/** A running tier over echo servers, all on loopback; closes everything it started. */
final class L4Fixture implements AutoCloseable {

    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    static final Duration WAIT = Duration.ofSeconds(15);

    final HealthMonitor health = new HealthMonitor();
    final List<EchoServer> servers = new ArrayList<>();
    L4Tier tier;

    EchoServer server(String name) throws IOException {
        EchoServer s = new EchoServer(name);
        servers.add(s);
        return s;
    }

    L4Tier start(L4Options options, VirtualServiceSpec... services) {
        tier = L4Tier.start(List.of(services), options, health);
        return tier;
    }

    L4Tier start(VirtualServiceSpec... services) {
        return start(L4Options.defaults(), services);
    }

    NatVirtualServer service() {
        return tier.services().getFirst();
    }

    InetSocketAddress vip() {
        return ((org.bascule.l4.table.ServiceAddress.Endpoint) service().address()).address();
    }

    /** A fast TCP_CHECK of {@code server}: every {@code loopMs}, retry once after half of it. */
    static CheckSpec tcpCheck(InetSocketAddress server, long loopMs, boolean alpha) {
        var timing = new CheckTiming(Duration.ofMillis(loopMs), 1, Duration.ofMillis(loopMs / 2), alpha);
        return new TcpCheckSpec(server, Optional.empty(), Duration.ofMillis(500), timing);
    }

    static RealServerSpec checked(EchoServer s, int weight, boolean inhibit, CheckSpec check) {
        return new RealServerSpec(s.address(), weight, inhibit, List.of(check));
    }

    @Override
    public void close() throws IOException {
        if (tier != null) {
            tier.close();
        }
        health.close();
        for (EchoServer s : servers) {
            s.close();
        }
    }
}
