package org.bascule.os;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The gratuitous ARP a new VRRP master broadcasts for each IPv4 VIP (RFC 5798 section 6.4.2,
 * RFC 5227 section 3 "ARP announcement"), byte for byte as keepalived 2.2 sends it
 * ({@code vrrp_arp.c}): an ARP request "who-has VIP tell VIP", Ethernet broadcast, sender
 * hardware address the interface's MAC, target hardware address ff:ff:ff:ff:ff:ff. Switches
 * learn the MAC's new port and neighbours update their ARP caches.
 */
public final class GratuitousArp {

    /** Ethernet header (14) plus the ARP packet for IPv4 over Ethernet (28). */
    public static final int LENGTH = 42;

    private static final short ARPHRD_ETHER = 1;
    private static final short ARPOP_REQUEST = 1;

    private GratuitousArp() {
    }

    /** The frame announcing that {@code vip} is at {@code mac}. */
    public static byte[] frame(MacAddress mac, Inet4Address vip) {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(vip, "vip");
        byte[] hw = mac.bytes();
        byte[] ip = vip.getAddress();
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(MacAddress.BROADCAST.bytes()).put(hw).putShort((short) PacketSocket.ETH_P_ARP);
        b.putShort(ARPHRD_ETHER).putShort((short) PacketSocket.ETH_P_IP).put((byte) 6).put((byte) 4).putShort(ARPOP_REQUEST);
        b.put(hw).put(ip);
        b.put(MacAddress.BROADCAST.bytes()).put(ip);
        return b.array();
    }
}
