package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code vrrp_instance NAME { … }} (keepalived.conf(5), "VRRP instance(s)"), with keepalived's
 * defaults filled in (vrrp_data.c alloc_vrrp, vrrp.c vrrp_complete_instance).
 *
 * @param state                      {@code state}, default BACKUP
 * @param interfaceName              {@code interface}
 * @param virtualRouterId            {@code virtual_router_id}, 1..255 (required)
 * @param priority                   {@code priority}, 1..255, default 100 (VRRP_PRIO_DFL)
 * @param advertInt                  {@code advert_int}, seconds with decimals, default 1 s
 * @param version                    {@code version}, default the global {@code vrrp_version}
 *                                   (2), 3 when the addresses are IPv6
 * @param authentication             {@code authentication { … }}
 * @param virtualIpAddresses         {@code virtual_ipaddress { … }}
 * @param virtualIpAddressesExcluded {@code virtual_ipaddress_excluded { … }}
 * @param virtualRoutes              {@code virtual_routes { … }}
 * @param virtualRules               {@code virtual_rules { … }}
 * @param preempt                    false with {@code nopreempt}; true by default
 * @param preemptDelay               {@code preempt_delay}, 0..1000 s, default 0
 * @param mcastSrcIp                 {@code mcast_src_ip}
 * @param unicastSrcIp               {@code unicast_src_ip}
 * @param mcastDstIp                 {@code mcast_dst_ip}
 * @param unicastPeers               {@code unicast_peer { … }}
 * @param garp                       {@code garp_master_delay/_repeat/_refresh/_refresh_repeat},
 *                                   {@code garp_lower_prio_delay/_repeat}; global defaults
 * @param dontTrackPrimary           {@code dont_track_primary}
 * @param tracking                   track_interface/script/file/process/bfd
 * @param notifiers                   notify_* scripts
 * @param smtpAlert                  {@code smtp_alert}, else global smtp_alert_vrrp, else
 *                                   smtp_alert, else false
 * @param accept                     {@code accept} (true) or {@code no_accept} (false)
 * @param settings                   every other recognised keyword (use_vmac, unicast_ttl,
 *                                   strict_mode …), name to values as written
 */
public record VrrpInstance(
        SourcePos pos,
        String name,
        VrrpState state,
        Optional<String> interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInt,
        int version,
        Optional<Authentication> authentication,
        List<VirtualIpAddress> virtualIpAddresses,
        List<VirtualIpAddress> virtualIpAddressesExcluded,
        List<RouteSpec> virtualRoutes,
        List<RouteSpec> virtualRules,
        boolean preempt,
        Duration preemptDelay,
        Optional<InetAddress> mcastSrcIp,
        Optional<InetAddress> unicastSrcIp,
        Optional<InetAddress> mcastDstIp,
        List<UnicastPeer> unicastPeers,
        GarpSettings garp,
        boolean dontTrackPrimary,
        Tracking tracking,
        Notifiers notifiers,
        boolean smtpAlert,
        Optional<Boolean> accept,
        Map<String, List<String>> settings) {

    /** keepalived's default priority (VRRP_PRIO_DFL). */
    public static final int DEFAULT_PRIORITY = 100;
    /** keepalived's default advertisement interval (VRRP_ADVER_DFL). */
    public static final Duration DEFAULT_ADVERT_INT = Duration.ofSeconds(1);

    public VrrpInstance {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(advertInt, "advertInt");
        Objects.requireNonNull(authentication, "authentication");
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        virtualIpAddressesExcluded = List.copyOf(virtualIpAddressesExcluded);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(mcastSrcIp, "mcastSrcIp");
        Objects.requireNonNull(unicastSrcIp, "unicastSrcIp");
        Objects.requireNonNull(mcastDstIp, "mcastDstIp");
        unicastPeers = List.copyOf(unicastPeers);
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(notifiers, "notifiers");
        Objects.requireNonNull(accept, "accept");
        settings = Map.copyOf(settings);
    }
}
