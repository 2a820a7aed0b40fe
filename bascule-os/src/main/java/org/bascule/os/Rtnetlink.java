package org.bascule.os;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * rtnetlink (rtnetlink(7)): the interfaces, addresses and routes of the network namespace the
 * handle was opened in, read and changed as {@code ip link}, {@code ip addr} and
 * {@code ip route} do. A refusal from the kernel is an {@link OsException} naming the
 * operation, e.g. {@code RTM_NEWADDR 10.77.0.1/24 dev#3: File exists (errno 17)}.
 *
 * <p>Thread-safe; each request waits for its own answer (at most 5 s).
 */
public final class Rtnetlink implements AutoCloseable {

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    private static final int RTM_GETLINK = 18;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int RTM_GETADDR = 22;
    private static final int RTM_NEWROUTE = 24;
    private static final int RTM_DELROUTE = 25;
    private static final int RTM_GETROUTE = 26;

    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;

    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFA_FLAGS = 8;

    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_TABLE = 15;
    private static final int RTM_F_CLONED = 0x200;
    /** {@code proto static} in {@code ip route}: set by an administrator's tool, not by a daemon's protocol. */
    private static final int RTPROT_STATIC = 4;
    private static final int AF_UNSPEC = 0;

    private final NetlinkSocket socket;

    private Rtnetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a handle on the calling thread's network namespace. */
    public static Rtnetlink open() throws OsException {
        return new Rtnetlink(NetlinkSocket.open(0));
    }

    // ---------------------------------------------------------------- links

    /** Every interface ({@code ip link}). */
    public List<NetworkLink> links() throws OsException {
        NetlinkRequest request = new NetlinkRequest(RTM_GETLINK, NetlinkSocket.NLM_F_REQUEST | NetlinkSocket.NLM_F_DUMP)
                .u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0);
        List<NetworkLink> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(request, "RTM_GETLINK")) {
            if (m.type() == RTM_NEWLINK) {
                out.add(link(m));
            }
        }
        return out;
    }

    public Optional<NetworkLink> link(String name) throws OsException {
        Objects.requireNonNull(name, "name");
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<NetworkLink> link(int index) throws OsException {
        return links().stream().filter(l -> l.index() == index).findFirst();
    }

    /** The interface called {@code name}, or an OsException (ENODEV) saying it does not exist. */
    public NetworkLink requireLink(String name) throws OsException {
        return link(name).orElseThrow(() -> new OsException("interface " + name, 19, Libc.strerror(19)));
    }

    /** Parses an RTM_NEWLINK / RTM_DELLINK body: struct ifinfomsg then IFLA_* attributes. */
    static NetworkLink link(NetlinkMessage m) {
        ByteBuffer b = m.body();
        int index = b.getInt(4);
        int flags = b.getInt(8);
        NetlinkMessage.Attributes a = m.attributes(16);
        Optional<MacAddress> mac = a.bytes(IFLA_ADDRESS).filter(raw -> raw.length == 6).map(MacAddress::new);
        return new NetworkLink(index, a.string(IFLA_IFNAME).orElse("if" + index), mac, flags, a.u32(IFLA_MTU).orElse(0));
    }

    // ---------------------------------------------------------------- addresses

    /** Every address on every interface ({@code ip addr}). */
    public List<LinkAddress> addresses() throws OsException {
        NetlinkRequest request = new NetlinkRequest(RTM_GETADDR, NetlinkSocket.NLM_F_REQUEST | NetlinkSocket.NLM_F_DUMP)
                .u8(AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
        List<LinkAddress> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(request, "RTM_GETADDR")) {
            if (m.type() == RTM_NEWADDR) {
                address(m).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The addresses of one interface. */
    public List<LinkAddress> addresses(int linkIndex) throws OsException {
        return addresses().stream().filter(a -> a.linkIndex() == linkIndex).toList();
    }

    private static Optional<LinkAddress> address(NetlinkMessage m) {
        ByteBuffer b = m.body();
        int family = Byte.toUnsignedInt(b.get(0));
        if (family != IpFamily.INET.af() && family != IpFamily.INET6.af()) {
            return Optional.empty();
        }
        int prefix = Byte.toUnsignedInt(b.get(1));
        int flags8 = Byte.toUnsignedInt(b.get(2));
        int scope = Byte.toUnsignedInt(b.get(3));
        int index = b.getInt(4);
        NetlinkMessage.Attributes a = m.attributes(8);
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS the peer's on a point-to-point link
        Optional<byte[]> raw = a.bytes(IFA_LOCAL).or(() -> a.bytes(IFA_ADDRESS));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        int flags = a.u32(IFA_FLAGS).orElse(flags8);
        return Optional.of(new LinkAddress(index, SockAddr.address(raw.get()), prefix, a.string(IFA_LABEL),
                AddressScope.of(scope), AddressFlag.of(flags)));
    }

    /**
     * Adds an address ({@code ip addr add}). The kernel refuses one that is already there
     * ({@link OsException#alreadyExists()}).
     */
    public void addAddress(LinkAddress address) throws OsException {
        socket.acknowledged(addressRequest(RTM_NEWADDR, address, NetlinkSocket.NLM_F_CREATE | NetlinkSocket.NLM_F_EXCL),
                "RTM_NEWADDR " + address);
    }

    /** Deletes an address ({@code ip addr del}); {@link OsException#notFound()} when it is not there. */
    public void deleteAddress(LinkAddress address) throws OsException {
        socket.acknowledged(addressRequest(RTM_DELADDR, address, 0), "RTM_DELADDR " + address);
    }

    private static NetlinkRequest addressRequest(int type, LinkAddress a, int extraFlags) {
        int flags = AddressFlag.bits(a.flags());
        NetlinkRequest r = new NetlinkRequest(type, NetlinkSocket.NLM_F_REQUEST | NetlinkSocket.NLM_F_ACK | extraFlags)
                .u8(a.family().af()).u8(a.prefixLength()).u8(flags & 0xff).u8(a.scope().value()).u32(a.linkIndex())
                .attribute(IFA_LOCAL, a.address())
                .attribute(IFA_ADDRESS, a.address())
                .attributeU32(IFA_FLAGS, flags);
        if (a.label().isPresent() && a.family() == IpFamily.INET) {
            r.attribute(IFA_LABEL, a.label().get());
        }
        return r;
    }

    // ---------------------------------------------------------------- routes

    /** The IPv4 and IPv6 routes of one table ({@code ip route show table N}; 254 is main). */
    public List<Route> routes(int table) throws OsException {
        List<Route> out = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            NetlinkRequest request = new NetlinkRequest(RTM_GETROUTE, NetlinkSocket.NLM_F_REQUEST | NetlinkSocket.NLM_F_DUMP)
                    .u8(family.af()).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0);
            for (NetlinkMessage m : socket.dump(request, "RTM_GETROUTE " + family)) {
                if (m.type() == RTM_NEWROUTE) {
                    route(m).filter(r -> r.table() == table).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static Optional<Route> route(NetlinkMessage m) {
        ByteBuffer b = m.body();
        int family = Byte.toUnsignedInt(b.get(0));
        if (family != IpFamily.INET.af() && family != IpFamily.INET6.af()) {
            return Optional.empty();
        }
        if ((b.getInt(8) & RTM_F_CLONED) != 0) {
            return Optional.empty();
        }
        int dstLength = Byte.toUnsignedInt(b.get(1));
        int table8 = Byte.toUnsignedInt(b.get(4));
        int scope = Byte.toUnsignedInt(b.get(6));
        int type = Byte.toUnsignedInt(b.get(7));
        if (type < 1 || type > 9) {
            return Optional.empty();
        }
        NetlinkMessage.Attributes a = m.attributes(12);
        int length = IpFamily.ofAf(family).addressLength();
        InetAddress destination = SockAddr.address(a.bytes(RTA_DST).orElse(new byte[length]));
        int table = a.u32(RTA_TABLE).orElse(table8);
        OptionalInt oif = a.u32(RTA_OIF);
        return Optional.of(new Route(destination, dstLength, a.bytes(RTA_GATEWAY).map(SockAddr::address),
                oif, table, a.u32(RTA_PRIORITY), a.bytes(RTA_PREFSRC).map(SockAddr::address), RouteType.of(type),
                Optional.of(AddressScope.of(scope))));
    }

    /** Adds a route ({@code ip route add}); {@link OsException#alreadyExists()} when it is there. */
    public void addRoute(Route route) throws OsException {
        socket.acknowledged(routeRequest(RTM_NEWROUTE, route, NetlinkSocket.NLM_F_CREATE | NetlinkSocket.NLM_F_EXCL,
                route.effectiveScope(), RTPROT_STATIC), "RTM_NEWROUTE " + route);
    }

    /** Deletes a route ({@code ip route del}); {@link OsException#notFound()} when it is not there. */
    public void deleteRoute(Route route) throws OsException {
        // scope "nowhere" and protocol 0 match a route whatever its scope and origin, as iproute2 asks
        socket.acknowledged(routeRequest(RTM_DELROUTE, route, 0, route.scope().orElse(AddressScope.NOWHERE), 0),
                "RTM_DELROUTE " + route);
    }

    private static NetlinkRequest routeRequest(int type, Route r, int extraFlags, AddressScope scope, int protocol) {
        NetlinkRequest q = new NetlinkRequest(type, NetlinkSocket.NLM_F_REQUEST | NetlinkSocket.NLM_F_ACK | extraFlags)
                .u8(r.family().af()).u8(r.prefixLength()).u8(0).u8(0)
                .u8(r.table() < 256 ? r.table() : 0).u8(protocol).u8(scope.value()).u8(r.type().value()).u32(0)
                .attribute(RTA_DST, r.destination())
                .attributeU32(RTA_TABLE, r.table());
        r.gateway().ifPresent(g -> q.attribute(RTA_GATEWAY, g));
        r.linkIndex().ifPresent(i -> q.attributeU32(RTA_OIF, i));
        r.metric().ifPresent(p -> q.attributeU32(RTA_PRIORITY, p));
        r.preferredSource().ifPresent(s -> q.attribute(RTA_PREFSRC, s));
        return q;
    }

    @Override
    public void close() {
        socket.close();
    }
}
