package org.bascule.vrrp.io;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bascule.os.IpFamily;
import org.bascule.os.IpProtocol;
import org.bascule.os.OsException;
import org.bascule.os.RawDatagram;
import org.bascule.os.RawSocket;
import org.bascule.vrrp.codec.VrrpCodec;

/**
 * A raw IP-protocol-112 socket set up as keepalived sets its own: bound to the interface and to
 * the source address, TTL / hop limit 255 (RFC 5798 §5.1.1.3, §5.1.2.3), TOS 0xc0 on IPv4, no
 * multicast loop, member of the VRRP group on that interface.
 */
final class OsAdvertSocket implements VrrpNetwork.AdvertSocket {

    private final RawSocket socket;

    private OsAdvertSocket(RawSocket socket) {
        this.socket = socket;
    }

    static OsAdvertSocket open(String ifname, InetAddress source, List<InetAddress> groups) {
        RawSocket s = null;
        try {
            s = RawSocket.open(IpFamily.of(source), IpProtocol.VRRP);
            int index = s.bindToDevice(ifname);
            s.bind(source);
            s.setTtl(VrrpCodec.TTL);
            if (source instanceof Inet4Address) {
                s.setTrafficClass(VrrpCodec.IPV4_TOS);
            }
            s.setMulticastLoop(false);
            s.setMulticastInterface(index);
            for (InetAddress g : groups) {
                s.joinGroup(g, index);
            }
            return new OsAdvertSocket(s);
        } catch (OsException e) {
            if (s != null) {
                s.close();
            }
            throw new UncheckedIOException("VRRP socket on " + ifname + " from " + source.getHostAddress() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(byte[] vrrp, InetAddress destination) {
        try {
            socket.send(vrrp, destination);
        } catch (OsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<VrrpNetwork.Inbound> receive(Duration timeout) {
        try {
            Optional<RawDatagram> d = socket.receive(timeout);
            return d.map(x -> new VrrpNetwork.Inbound(x.source(), x.destination(), x.ttl(), x.payload()));
        } catch (OsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
