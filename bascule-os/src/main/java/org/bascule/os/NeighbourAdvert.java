package org.bascule.os;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The unsolicited neighbour advertisement a new VRRP master sends for each IPv6 VIP
 * (RFC 5798 section 6.4.2; RFC 4861 section 7.2.6), as keepalived's {@code ndisc.c} builds it:
 * from the VIP to all-nodes {@code ff02::1} (Ethernet 33:33:00:00:00:01), hop limit 255 (which
 * receivers check, RFC 4861 section 7.1.2), the Override flag set so caches replace the old
 * MAC, Solicited clear, Router set when the node forwards, and the target link-layer address
 * option carrying the interface's MAC.
 */
public final class NeighbourAdvert {

    /** Ethernet 14 + IPv6 header 40 + NA 24 + target link-layer option 8. */
    public static final int LENGTH = 86;

    private static final int ICMPV6_PAYLOAD = 32;
    private static final int ND_NEIGHBOR_ADVERT = 136;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_OVERRIDE = 0x20;
    private static final int OPTION_TARGET_LINK_ADDRESS = 2;
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};

    private NeighbourAdvert() {
    }

    /** The frame announcing that {@code vip} is at {@code mac}; {@code router} sets the R flag. */
    public static byte[] unsolicited(MacAddress mac, Inet6Address vip, boolean router) {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(vip, "vip");
        byte[] hw = mac.bytes();
        byte[] target = vip.getAddress();
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(ALL_NODES_MAC).put(hw).putShort((short) PacketSocket.ETH_P_IPV6);
        b.putInt(0x6000_0000).putShort((short) ICMPV6_PAYLOAD).put((byte) IpProtocol.ICMPV6).put((byte) 255);
        b.put(target).put(ALL_NODES);
        int icmp = b.position();
        b.put((byte) ND_NEIGHBOR_ADVERT).put((byte) 0).putShort((short) 0);
        b.put((byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0))).put(new byte[3]);
        b.put(target);
        b.put((byte) OPTION_TARGET_LINK_ADDRESS).put((byte) 1).put(hw);
        byte[] frame = b.array();
        // checksum over the RFC 8200 section 8.1 pseudo-header: source, destination, length, next header
        long sum = InternetChecksum.add(0, target, 0, 16);
        sum = InternetChecksum.add(sum, ALL_NODES, 0, 16);
        sum += ICMPV6_PAYLOAD + IpProtocol.ICMPV6;
        sum = InternetChecksum.add(sum, frame, icmp, ICMPV6_PAYLOAD);
        int checksum = InternetChecksum.finish(sum);
        frame[icmp + 2] = (byte) (checksum >>> 8);
        frame[icmp + 3] = (byte) checksum;
        return frame;
    }
}
