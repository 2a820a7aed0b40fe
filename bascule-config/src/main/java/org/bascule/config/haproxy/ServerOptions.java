package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The options of a {@code server} line, or of {@code default-server} (which sets the starting
 * values of the following servers: configuration.txt section 5.2). Defaults are HAProxy's:
 * {@code inter 2s}, {@code rise 2}, {@code fall 3}, {@code weight 1}; {@code agent-inter}
 * defaults to {@code inter}.
 *
 * @param check          {@code check}: health-check the server
 * @param inter          {@code inter}: interval between checks
 * @param fastinter      {@code fastinter}: interval while the state is changing
 * @param downinter      {@code downinter}: interval while the server is down
 * @param rise           {@code rise}: consecutive successes to go up
 * @param fall           {@code fall}: consecutive failures to go down
 * @param weight         {@code weight} 0..256
 * @param backup         {@code backup}: used only when no active server is up
 * @param sendProxy      {@code send-proxy} / {@code send-proxy-v2}
 * @param agentCheck     {@code agent-check}: poll the agent for up/down/maint/ready/drain/weight
 * @param agentPort      {@code agent-port}
 * @param agentInter     {@code agent-inter}
 * @param agentAddr      {@code agent-addr}
 * @param ssl            {@code ssl}: TLS to the server
 * @param verify         {@code verify none|required}
 * @param disabled       {@code disabled}: starts in maintenance
 * @param maxconn        {@code maxconn}: at most this many concurrent connections
 * @param checkPort      {@code port}: the port health checks use
 * @param sni            {@code sni} expression for TLS
 * @param alpn           {@code alpn} towards the server
 * @param checkSsl       {@code check-ssl}: health checks over TLS
 * @param poolMaxConn    {@code pool-max-conn}: most idle connections kept for the server, -1 (default) no limit
 * @param poolPurgeDelay {@code pool-purge-delay}: every such delay half of the unneeded idle connections close (5s; 0 keeps none)
 * @param poolLowConn    {@code pool-low-conn}: idle connections kept on top of the estimated need (0)
 * @param other          options HAProxy accepts that have no typed field here, each with its values
 */
public record ServerOptions(boolean check, Duration inter, Optional<Duration> fastinter, Optional<Duration> downinter, int rise, int fall,
                            int weight, boolean backup, ProxyProtocol sendProxy, boolean agentCheck, OptionalInt agentPort,
                            Optional<Duration> agentInter, Optional<String> agentAddr, boolean ssl, Optional<String> verify, boolean disabled,
                            OptionalInt maxconn, OptionalInt checkPort, Optional<String> sni, List<String> alpn, boolean checkSsl,
                            int poolMaxConn, Duration poolPurgeDelay, int poolLowConn, List<Setting> other) {

    /** HAProxy's default check interval. */
    public static final Duration DEFAULT_INTER = Duration.ofSeconds(2);
    /** HAProxy's default {@code pool-purge-delay}. */
    public static final Duration DEFAULT_POOL_PURGE_DELAY = Duration.ofSeconds(5);

    public ServerOptions {
        Objects.requireNonNull(inter, "inter");
        Objects.requireNonNull(sendProxy, "sendProxy");
        Objects.requireNonNull(poolPurgeDelay, "poolPurgeDelay");
        alpn = List.copyOf(alpn);
        other = List.copyOf(other);
    }

    /** The options of a server line with no option, in a backend without {@code default-server}. */
    public static ServerOptions defaults() {
        return new Builder().build();
    }

    /** The interval of agent checks: {@code agent-inter}, else {@code inter}. */
    public Duration effectiveAgentInter() {
        return agentInter.orElse(inter);
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.check = check;
        b.inter = inter;
        b.fastinter = fastinter;
        b.downinter = downinter;
        b.rise = rise;
        b.fall = fall;
        b.weight = weight;
        b.backup = backup;
        b.sendProxy = sendProxy;
        b.agentCheck = agentCheck;
        b.agentPort = agentPort;
        b.agentInter = agentInter;
        b.agentAddr = agentAddr;
        b.ssl = ssl;
        b.verify = verify;
        b.disabled = disabled;
        b.maxconn = maxconn;
        b.checkPort = checkPort;
        b.sni = sni;
        b.alpn = new ArrayList<>(alpn);
        b.checkSsl = checkSsl;
        b.poolMaxConn = poolMaxConn;
        b.poolPurgeDelay = poolPurgeDelay;
        b.poolLowConn = poolLowConn;
        b.other = new ArrayList<>(other);
        return b;
    }

    /** Mutable while one line is read. */
    static final class Builder {
        boolean check;
        Duration inter = DEFAULT_INTER;
        Optional<Duration> fastinter = Optional.empty();
        Optional<Duration> downinter = Optional.empty();
        int rise = 2;
        int fall = 3;
        int weight = 1;
        boolean backup;
        ProxyProtocol sendProxy = ProxyProtocol.NONE;
        boolean agentCheck;
        OptionalInt agentPort = OptionalInt.empty();
        Optional<Duration> agentInter = Optional.empty();
        Optional<String> agentAddr = Optional.empty();
        boolean ssl;
        Optional<String> verify = Optional.empty();
        boolean disabled;
        OptionalInt maxconn = OptionalInt.empty();
        OptionalInt checkPort = OptionalInt.empty();
        Optional<String> sni = Optional.empty();
        List<String> alpn = new ArrayList<>();
        boolean checkSsl;
        int poolMaxConn = -1;
        Duration poolPurgeDelay = DEFAULT_POOL_PURGE_DELAY;
        int poolLowConn;
        List<Setting> other = new ArrayList<>();

        ServerOptions build() {
            return new ServerOptions(check, inter, fastinter, downinter, rise, fall, weight, backup, sendProxy, agentCheck, agentPort,
                    agentInter, agentAddr, ssl, verify, disabled, maxconn, checkPort, sni, alpn, checkSsl, poolMaxConn, poolPurgeDelay,
                    poolLowConn, other);
        }
    }
}
