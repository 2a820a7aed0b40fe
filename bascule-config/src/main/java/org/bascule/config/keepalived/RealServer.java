package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/**
 * {@code real_server IP [PORT] { … }} inside a virtual_server (keepalived.conf(5)), with what it
 * inherits from its virtual server already applied (ipwrapper.c validate_check_config).
 *
 * @param port             the port written; else the virtual server's (NAT, or DR/TUN on an
 *                         address service); 0 for fwmark services
 * @param weight           {@code weight}, 0..2147483647, else the virtual server's weight (1)
 * @param forwarding       {@code lvs_method}, else the virtual server's
 * @param inhibitOnFailure {@code inhibit_on_failure}, else the virtual server's
 * @param alpha            {@code alpha}, else the virtual server's
 * @param smtpAlert        {@code smtp_alert}, else global smtp_alert_checker, else
 *                         smtp_alert, else true (keepalived keeps true for backward
 *                         compatibility)
 * @param notifyUp         {@code notify_up}
 * @param notifyDown       {@code notify_down}
 * @param upperThreshold   {@code uthreshold}: maximum connections
 * @param lowerThreshold   {@code lthreshold}: minimum connections
 * @param virtualhost      {@code virtualhost}, else the virtual server's
 * @param checkDefaults    timing for the checkers, each value else the virtual server's
 * @param checkers         TCP_CHECK, HTTP_GET, … blocks, with every default resolved
 * @param snmpName         {@code snmp_name}
 */
public record RealServer(
        SourcePos pos,
        InetAddress address,
        int port,
        long weight,
        Forwarding forwarding,
        boolean inhibitOnFailure,
        boolean alpha,
        boolean smtpAlert,
        Optional<NotifyScript> notifyUp,
        Optional<NotifyScript> notifyDown,
        OptionalLong upperThreshold,
        OptionalLong lowerThreshold,
        Optional<String> virtualhost,
        CheckDefaults checkDefaults,
        List<Checker> checkers,
        Optional<String> snmpName) {

    public RealServer {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(notifyUp, "notifyUp");
        Objects.requireNonNull(notifyDown, "notifyDown");
        Objects.requireNonNull(upperThreshold, "upperThreshold");
        Objects.requireNonNull(lowerThreshold, "lowerThreshold");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(checkDefaults, "checkDefaults");
        checkers = List.copyOf(checkers);
        Objects.requireNonNull(snmpName, "snmpName");
    }
}
