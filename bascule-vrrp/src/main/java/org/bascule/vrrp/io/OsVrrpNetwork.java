package org.bascule.vrrp.io;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bascule.os.AddressFlag;
import org.bascule.os.AddressScope;
import org.bascule.os.GratuitousArp;
import org.bascule.os.LinkAddress;
import org.bascule.os.LinkEvent;
import org.bascule.os.LinkMonitor;
import org.bascule.os.NeighbourAdvert;
import org.bascule.os.NetworkLink;
import org.bascule.os.OsException;
import org.bascule.os.PacketSocket;
import org.bascule.os.Route;
import org.bascule.os.RouteType;
import org.bascule.os.Rtnetlink;

/**
 * {@link VrrpNetwork} over bascule-os: rtnetlink for links, addresses and routes, AF_PACKET for
 * gratuitous ARP and unsolicited NA, raw sockets for adverts, all in the network namespace of
 * the thread that opened it. The engine thread and the link poller share it: one lock.
 */
public final class OsVrrpNetwork implements VrrpNetwork {

    private final Rtnetlink netlink;
    private final Map<String, PacketSocket> packetSockets = new HashMap<>();
    private final Map<String, org.bascule.os.MacAddress> macs = new HashMap<>();

    private OsVrrpNetwork(Rtnetlink netlink) {
        this.netlink = netlink;
    }

    public static OsVrrpNetwork open() {
        try {
            return new OsVrrpNetwork(Rtnetlink.open());
        } catch (OsException e) {
            throw new UncheckedIOException("rtnetlink: " + e.getMessage(), e);
        }
    }

    @Override
    public AdvertSocket openAdvertSocket(String ifname, InetAddress source, List<InetAddress> groups) {
        return OsAdvertSocket.open(ifname, source, groups);
    }

    @Override
    public synchronized Optional<InetAddress> primaryAddress(String ifname, boolean ipv6) {
        try {
            Optional<NetworkLink> link = netlink.link(ifname);
            if (link.isEmpty()) {
                return Optional.empty();
            }
            // keepalived sends from the interface's first address of the family; for IPv6 the
            // link-local one (RFC 5798 §5.1.2.1).
            return netlink.addresses(link.get().index()).stream().map(LinkAddress::address)
                    .filter(a -> ipv6 ? a instanceof Inet6Address && a.isLinkLocalAddress() : a instanceof Inet4Address)
                    .findFirst();
        } catch (OsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean isLinkUp(String ifname) {
        try {
            return netlink.link(ifname).map(l -> l.isUp() && l.isRunning()).orElse(false);
        } catch (OsException e) {
            return false;
        }
    }

    @Override
    public LinkWatch watchLinks() {
        LinkMonitor monitor;
        try {
            monitor = LinkMonitor.open();
        } catch (OsException e) {
            throw new UncheckedIOException("rtnetlink link events: " + e.getMessage(), e);
        }
        return new LinkWatch() {
            @Override
            public Optional<LinkChange> next(java.time.Duration timeout) {
                try {
                    return monitor.next(timeout).map(OsVrrpNetwork::change);
                } catch (OsException e) {
                    throw new UncheckedIOException("rtnetlink link events: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                monitor.close();
            }
        };
    }

    private static LinkChange change(LinkEvent e) {
        // Same test as isLinkUp: a removed link is down.
        return new LinkChange(e.link().name(), !e.removed() && e.link().isUp() && e.link().isRunning());
    }

    @Override
    public synchronized void addAddress(VirtualAddress v) {
        try {
            netlink.addAddress(linkAddress(v));
        } catch (OsException e) {
            if (!e.alreadyExists()) {
                throw new UncheckedIOException("add " + v + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void removeAddress(VirtualAddress v) {
        try {
            LinkAddress a = linkAddress(v);
            if (netlink.addresses(a.linkIndex()).stream().anyMatch(x -> x.address().equals(v.address()))) {
                netlink.deleteAddress(a);
            }
        } catch (OsException e) {
            throw new UncheckedIOException("remove " + v + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void addRoute(VirtualRoute r) {
        try {
            netlink.addRoute(route(r));
        } catch (OsException e) {
            if (!e.alreadyExists()) {
                throw new UncheckedIOException("add route " + r + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void removeRoute(VirtualRoute r) {
        try {
            netlink.deleteRoute(route(r));
        } catch (OsException e) {
            if (!e.notFound()) {
                throw new UncheckedIOException("remove route " + r + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void prepare(String ifname) {
        try {
            packetSocket(ifname);
            // Builds one frame of each kind (never sent) so their classes are loaded before a take-over.
            GratuitousArp.frame(mac(ifname), (Inet4Address) InetAddress.getByAddress(new byte[4]));
            NeighbourAdvert.unsolicited(mac(ifname), (Inet6Address) InetAddress.getByAddress(new byte[16]), true);
        } catch (OsException | java.net.UnknownHostException | RuntimeException e) {
            // announce() reports it when it matters.
        }
    }

    private PacketSocket packetSocket(String ifname) throws OsException {
        PacketSocket p = packetSockets.get(ifname);
        if (p == null) {
            p = PacketSocket.open(ifname);
            packetSockets.put(ifname, p);
        }
        return p;
    }

    private org.bascule.os.MacAddress mac(String ifname) throws OsException {
        org.bascule.os.MacAddress mac = macs.get(ifname);
        if (mac == null) {
            NetworkLink link = netlink.link(ifname).orElseThrow(() -> new OsException("link " + ifname, 19, "No such device"));
            mac = link.mac().orElseThrow(() -> new OsException("link " + ifname, 95, "no hardware address"));
            macs.put(ifname, mac);
        }
        return mac;
    }

    @Override
    public synchronized void announce(String ifname, InetAddress address) {
        try {
            PacketSocket p = packetSocket(ifname);
            var mac = mac(ifname);
            switch (address) {
                case Inet4Address v4 -> p.send(GratuitousArp.frame(mac, v4));
                case Inet6Address v6 -> p.send(NeighbourAdvert.unsolicited(mac, v6, true));
                default -> throw new IllegalArgumentException("address: " + address);
            }
        } catch (OsException e) {
            throw new UncheckedIOException("announce " + address.getHostAddress() + " on " + ifname + ": " + e.getMessage(), e);
        }
    }

    private LinkAddress linkAddress(VirtualAddress v) throws OsException {
        int index = index(v.device());
        LinkAddress a = LinkAddress.of(index, v.address(), v.prefixLength()).withScope(AddressScope.parse(Integer.toString(v.scope())));
        if (v.label().isPresent()) {
            a = a.withLabel(v.label().get());
        }
        if (!v.isIpv4()) {
            // A VIP moves between routers: duplicate address detection would hold it back.
            a = a.withFlags(EnumSet.of(AddressFlag.NODAD));
        }
        return a;
    }

    private Route route(VirtualRoute r) throws OsException {
        Route route = Route.to(r.destination(), r.prefixLength());
        if (r.gateway().isPresent()) {
            route = route.via(r.gateway().get());
        }
        if (r.device().isPresent()) {
            route = route.dev(index(r.device().get()));
        }
        if (r.source().isPresent()) {
            route = route.src(r.source().get());
        }
        if (r.metric().isPresent()) {
            route = route.metric(r.metric().getAsInt());
        }
        if (r.table().isPresent()) {
            route = route.table(r.table().getAsInt());
        }
        RouteType type = switch (r.type()) {
            case 6 -> RouteType.BLACKHOLE;
            case 7 -> RouteType.UNREACHABLE;
            case 8 -> RouteType.PROHIBIT;
            default -> RouteType.UNICAST;
        };
        return route.type(type);
    }

    private int index(String ifname) throws OsException {
        return netlink.link(ifname).map(NetworkLink::index).orElseThrow(() -> new OsException("link " + ifname, 19, "No such device"));
    }

    @Override
    public synchronized void close() {
        packetSockets.values().forEach(PacketSocket::close);
        netlink.close();
    }
}
