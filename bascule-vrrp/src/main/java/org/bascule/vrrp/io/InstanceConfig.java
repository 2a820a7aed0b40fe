package org.bascule.vrrp.io;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.vrrp.codec.AdvertAuth;
import org.bascule.vrrp.fsm.InstanceSpec;
import org.bascule.vrrp.notify.NotifyScripts;

/**
 * A {@code vrrp_instance} ready to run.
 *
 * @param spec             what the state machine needs
 * @param interfaceName    {@code interface}
 * @param ipv6             the virtual addresses (and so the adverts) are IPv6
 * @param sourceAddress    {@code unicast_src_ip} or {@code mcast_src_ip}; the interface's
 *                         primary address otherwise
 * @param multicastGroup   224.0.0.18 / ff02::12, or {@code vrrp_mcast_group4/6}
 * @param unicastPeers     {@code unicast_peer}: send to these instead of the group, and accept
 *                         adverts only from them
 * @param auth             {@code authentication} (v2)
 * @param addresses        {@code virtual_ipaddress}: in the adverts, added as master
 * @param excluded         {@code virtual_ipaddress_excluded}: added as master, not advertised
 * @param routes           {@code virtual_routes}
 * @param tracking         track_script / track_interface / track_file lines
 * @param dontTrackPrimary {@code dont_track_primary}: the instance's own interface going down
 *                         is no FAULT
 * @param notifyScripts    notify scripts
 * @param smtpAlert        {@code smtp_alert}
 */
public record InstanceConfig(
        InstanceSpec spec,
        String interfaceName,
        boolean ipv6,
        Optional<InetAddress> sourceAddress,
        InetAddress multicastGroup,
        List<InetAddress> unicastPeers,
        AdvertAuth auth,
        List<VirtualAddress> addresses,
        List<VirtualAddress> excluded,
        List<VirtualRoute> routes,
        List<TrackRef> tracking,
        boolean dontTrackPrimary,
        NotifyScripts notifyScripts,
        boolean smtpAlert) {

    public InstanceConfig {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(multicastGroup, "multicastGroup");
        unicastPeers = List.copyOf(unicastPeers);
        Objects.requireNonNull(auth, "auth");
        addresses = List.copyOf(addresses);
        excluded = List.copyOf(excluded);
        routes = List.copyOf(routes);
        tracking = List.copyOf(tracking);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
    }

    public String name() {
        return spec.name();
    }
}
