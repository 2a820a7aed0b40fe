package org.bascule.os;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One packet read from a {@link RawSocket}.
 *
 * @param payload        what follows the IP header (for IPv4 the kernel hands the header too;
 *                       it is stripped here, its TTL kept in {@code ttl})
 * @param source         the sender's address (IPv6 link-local ones carry the arriving scope)
 * @param destination    the packet's destination address ({@code IP_PKTINFO} /
 *                       {@code IPV6_PKTINFO}): 224.0.0.18 for a multicast advert, the local
 *                       address for a unicast one
 * @param ttl            IPv4 TTL or IPv6 hop limit ({@code IP_RECVTTL} / {@code IPV6_RECVHOPLIMIT});
 *                       RFC 3768 section 7.1 and RFC 5798 section 7.1 drop adverts whose value is
 *                       not 255
 * @param interfaceIndex the index of the interface it arrived on
 * @param trafficClass   the IPv4 TOS byte or IPv6 traffic class (keepalived sends VRRP with 0xc0)
 */
public record RawDatagram(byte[] payload, InetAddress source, InetAddress destination, int ttl, int interfaceIndex,
        int trafficClass) {

    public RawDatagram {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    @Override
    public String toString() {
        return "RawDatagram[" + payload.length + " bytes from " + source.getHostAddress() + " to "
                + destination.getHostAddress() + ", ttl " + ttl + ", tos 0x" + Integer.toHexString(trafficClass)
                + ", if " + interfaceIndex + "]";
    }
}
