package org.bascule.l7.spec;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code server <name> <address>:<port> [options]} line of a backend, {@code default-server}
 * already applied.
 *
 * @param name        the server's name, unique in its backend ({@code BK/SRV} in the runtime API)
 * @param address     {@code <address>:<port>}, IPv4 or IPv6, independent of the clients' family
 * @param weight      {@code weight} 0-256, 1 by default; 0 takes no new traffic (drain)
 * @param backup      {@code backup}: only used when no non-backup server is usable
 *                    (the first one, or all of them with {@code option allbackups})
 * @param check       {@code check}: health-checked with the backend's {@link HealthCheckSpec}
 * @param checkPort   {@code port}: check this port instead of the server's
 * @param inter       {@code inter}: time between checks (2 s)
 * @param rise        {@code rise}: consecutive successes to go UP (2)
 * @param fall        {@code fall}: consecutive failures to go DOWN (3)
 * @param sendProxy   {@code send-proxy} / {@code send-proxy-v2}
 * @param agent       {@code agent-check}…
 * @param tls         {@code ssl} (with {@code verify}, {@code ca-file}, {@code sni})
 * @param disabled    {@code disabled}: starts in maintenance (MAINT); {@code enable server} brings it in
 * @param maxconn     {@code maxconn}: concurrent requests sent to it, beyond which they queue; 0 = no limit
 * @param fastinter   {@code fastinter}: time between checks while the server is transitioning (default {@code inter})
 * @param downinter   {@code downinter}: time between checks while the server is fully DOWN (default {@code inter})
 * @param pool        {@code pool-max-conn}, {@code pool-purge-delay}, {@code pool-low-conn}: its idle connections
 */
public record ServerSpec(
        String name,
        InetSocketAddress address,
        int weight,
        boolean backup,
        boolean check,
        Optional<Integer> checkPort,
        Duration inter,
        int rise,
        int fall,
        ProxyProtocol sendProxy,
        Optional<AgentCheckSpec> agent,
        Optional<ServerTls> tls,
        boolean disabled,
        int maxconn,
        Optional<Duration> fastinter,
        Optional<Duration> downinter,
        ServerPool pool) {

    /** HAProxy's defaults: {@code inter 2s rise 2 fall 3}. */
    public static final Duration DEFAULT_INTER = Duration.ofSeconds(2);

    public ServerSpec {
        Require.name(name, "server name");
        Require.nonNull(address, "server " + name + " address");
        Require.that(!address.isUnresolved(), "server " + name + " address", address.getHostString(), "an IP address");
        Require.range(address.getPort(), 1, 65535, "server " + name + " port");
        Require.range(weight, 0, 256, "server " + name + " weight");
        Require.nonNull(checkPort, "port");
        checkPort.ifPresent(p -> Require.range(p, 1, 65535, "server " + name + " port (check)"));
        Require.positive(inter, "server " + name + " inter");
        Require.range(rise, 1, 1000, "server " + name + " rise");
        Require.range(fall, 1, 1000, "server " + name + " fall");
        Require.nonNull(sendProxy, "send-proxy");
        Require.nonNull(agent, "agent-check");
        Require.nonNull(tls, "ssl");
        Require.range(maxconn, 0, 1_000_000, "server " + name + " maxconn");
        Require.nonNull(fastinter, "fastinter");
        Require.nonNull(downinter, "downinter");
        fastinter.ifPresent(d -> Require.positive(d, "server " + name + " fastinter"));
        downinter.ifPresent(d -> Require.positive(d, "server " + name + " downinter"));
        Require.nonNull(pool, "server " + name + " pool");
    }

    /** Every check interval at {@code inter}. */
    public ServerSpec(String name, InetSocketAddress address, int weight, boolean backup, boolean check, Optional<Integer> checkPort,
            Duration inter, int rise, int fall, ProxyProtocol sendProxy, Optional<AgentCheckSpec> agent, Optional<ServerTls> tls,
            boolean disabled, int maxconn) {
        this(name, address, weight, backup, check, checkPort, inter, rise, fall, sendProxy, agent, tls, disabled, maxconn,
                Optional.empty(), Optional.empty(), ServerPool.DEFAULT);
    }

    /** {@code server <name> <address>} with every option at HAProxy's default. */
    public static ServerSpec of(String name, InetSocketAddress address) {
        return new ServerSpec(name, address, 1, false, false, Optional.empty(), DEFAULT_INTER, 2, 3,
                ProxyProtocol.NONE, Optional.empty(), Optional.empty(), false, 0);
    }

    public ServerSpec withWeight(int w) {
        return new ServerSpec(name, address, w, backup, check, checkPort, inter, rise, fall, sendProxy, agent, tls, disabled, maxconn, fastinter, downinter, pool);
    }

    public ServerSpec withBackup(boolean b) {
        return new ServerSpec(name, address, weight, b, check, checkPort, inter, rise, fall, sendProxy, agent, tls, disabled, maxconn, fastinter, downinter, pool);
    }

    /** {@code check inter <inter> rise <rise> fall <fall>}. */
    public ServerSpec withCheck(Duration i, int r, int f) {
        return new ServerSpec(name, address, weight, backup, true, checkPort, i, r, f, sendProxy, agent, tls, disabled, maxconn, fastinter, downinter, pool);
    }

    public ServerSpec withSendProxy(ProxyProtocol p) {
        return new ServerSpec(name, address, weight, backup, check, checkPort, inter, rise, fall, p, agent, tls, disabled, maxconn, fastinter, downinter, pool);
    }

    public ServerSpec withMaxconn(int m) {
        return new ServerSpec(name, address, weight, backup, check, checkPort, inter, rise, fall, sendProxy, agent, tls, disabled, m, fastinter, downinter, pool);
    }

    /** {@code fastinter} and {@code downinter}. */
    public ServerSpec withIntervals(Optional<Duration> fast, Optional<Duration> down) {
        return new ServerSpec(name, address, weight, backup, check, checkPort, inter, rise, fall, sendProxy, agent, tls, disabled, maxconn,
                fast, down, pool);
    }

    public ServerSpec withPool(ServerPool p) {
        return new ServerSpec(name, address, weight, backup, check, checkPort, inter, rise, fall, sendProxy, agent, tls, disabled, maxconn, fastinter, downinter, p);
    }

    public ServerSpec withDisabled(boolean d) {
        return new ServerSpec(name, address, weight, backup, check, checkPort, inter, rise, fall, sendProxy, agent, tls, d, maxconn, fastinter, downinter, pool);
    }
}
