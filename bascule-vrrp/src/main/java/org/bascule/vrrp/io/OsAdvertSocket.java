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
 * Two raw IP-protocol-112 sockets on one interface, as keepalived keeps a pair: one to send,
 * bound to the source address, TTL / hop limit 255 (RFC 5798 §5.1.1.3, §5.1.2.3), TOS 0xc0 on
 * IPv4, no multicast loop; one to receive, bound to the interface only and member of the VRRP
 * group. A raw socket bound to a local address only receives packets sent to that address, so
 * the receiving one must stay unbound or it would never see the multicast adverts.
 */
final class OsAdvertSocket implements VrrpNetwork.AdvertSocket {

    private final RawSocket sender;
    private final RawSocket receiver;

    private OsAdvertSocket(RawSocket sender, RawSocket receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    static OsAdvertSocket open(String ifname, InetAddress source, List<InetAddress> groups) {
        RawSocket tx = null;
        RawSocket rx = null;
        try {
            tx = RawSocket.open(IpFamily.of(source), IpProtocol.VRRP);
            int index = tx.bindToDevice(ifname);
            tx.bind(source);
            tx.setTtl(VrrpCodec.TTL);
            if (source instanceof Inet4Address) {
                tx.setTrafficClass(VrrpCodec.IPV4_TOS);
            }
            tx.setMulticastLoop(false);
            tx.setMulticastInterface(index);
            rx = RawSocket.open(IpFamily.of(source), IpProtocol.VRRP);
            rx.bindToDevice(ifname);
            for (InetAddress g : groups) {
                rx.joinGroup(g, index);
            }
            return new OsAdvertSocket(tx, rx);
        } catch (OsException e) {
            if (tx != null) {
                tx.close();
            }
            if (rx != null) {
                rx.close();
            }
            throw new UncheckedIOException("VRRP socket on " + ifname + " from " + source.getHostAddress() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(byte[] vrrp, InetAddress destination) {
        try {
            sender.send(vrrp, destination);
        } catch (OsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<VrrpNetwork.Inbound> receive(Duration timeout) {
        try {
            Optional<RawDatagram> d = receiver.receive(timeout);
            return d.map(x -> new VrrpNetwork.Inbound(x.source(), x.destination(), x.ttl(), x.payload()));
        } catch (OsException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }
}
