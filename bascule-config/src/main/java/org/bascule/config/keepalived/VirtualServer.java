package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.SourcePos;

/**
 * {@code virtual_server IP PORT | fwmark N | group NAME { … }} (keepalived.conf(5), "Virtual
 * server(s)"), with keepalived's defaults.
 *
 * @param scheduler        {@code lb_algo} / {@code lvs_sched}, one of IPVS's schedulers; keepalived
 *                         uses {@code wlc} when none is set (ipwrapper.c, IPVS_DEF_SCHED)
 * @param schedulerFlags   {@code ops}, {@code hashed}, {@code flag-1..3}, {@code sh-/mh-port},
 *                         {@code sh-/mh-fallback}
 * @param forwarding       {@code lb_kind} / {@code lvs_method}, default NAT
 * @param protocol         {@code protocol}; empty for fwmark services (where it is ignored);
 *                         keepalived uses UDP when an address service sets none (ipwrapper.c)
 * @param persistence      {@code persistence_timeout}, {@code persistence_granularity},
 *                         {@code persistence_engine}
 * @param quorum           {@code quorum}, {@code hysteresis}, {@code quorum_up/down}
 * @param checkDefaults    {@code delay_loop}, {@code connect_timeout}, {@code retry},
 *                         {@code delay_before_retry}, {@code warmup} for the real servers
 * @param alpha            {@code alpha}: servers start DOWN until a check succeeds
 * @param omega            {@code omega}: run quorum_down and notify_down on shutdown
 * @param haSuspend        {@code ha_suspend}
 * @param inhibitOnFailure {@code inhibit_on_failure}: default for the real servers
 * @param smtpAlert        {@code smtp_alert}, else global smtp_alert_checker, else smtp_alert,
 *                         else false (ipwrapper.c)
 * @param virtualhost      {@code virtualhost}: default Host header of HTTP_GET/SSL_GET
 * @param ipFamily         {@code ip_family}
 * @param weight           {@code weight}: default weight of the real servers, default 1
 * @param sorryServer      {@code sorry_server}
 * @param realServers      {@code real_server} blocks
 * @param snmpName         {@code snmp_name}
 */
public record VirtualServer(
        SourcePos pos,
        VirtualServerAddress address,
        String scheduler,
        Set<SchedulerFlag> schedulerFlags,
        Forwarding forwarding,
        Optional<Protocol> protocol,
        Optional<Persistence> persistence,
        Quorum quorum,
        CheckDefaults checkDefaults,
        boolean alpha,
        boolean omega,
        boolean haSuspend,
        boolean inhibitOnFailure,
        boolean smtpAlert,
        Optional<String> virtualhost,
        Optional<IpFamily> ipFamily,
        long weight,
        Optional<SorryServer> sorryServer,
        List<RealServer> realServers,
        Optional<String> snmpName) {

    /** keepalived's scheduler when none is configured (IPVS_DEF_SCHED). */
    public static final String DEFAULT_SCHEDULER = "wlc";

    public VirtualServer {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scheduler, "scheduler");
        schedulerFlags = Set.copyOf(schedulerFlags);
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(checkDefaults, "checkDefaults");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(ipFamily, "ipFamily");
        Objects.requireNonNull(sorryServer, "sorryServer");
        realServers = List.copyOf(realServers);
        Objects.requireNonNull(snmpName, "snmpName");
    }

    /** The words after {@code virtual_server}, e.g. {@code 192.168.10.9 80}. */
    public String name() {
        return address.display();
    }
}
