package org.bascule.sched;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * keepalived's {@code persistence_granularity} (ipvsadm {@code -M netmask}): which clients
 * share a persistence template. The client address is masked before the lookup, so with
 * {@code 255.255.255.0} every client of a /24 sticks to the same real server (useful when a
 * client's proxies change source address between requests). IPv4 takes a dotted netmask or a
 * prefix length, IPv6 a prefix length; the default is the whole address (one client each).
 *
 * @param ipv4Prefix prefix length applied to IPv4 clients, 0..32
 * @param ipv6Prefix prefix length applied to IPv6 clients, 0..128
 */
public record ClientGranularity(int ipv4Prefix, int ipv6Prefix) {

    /** One template per client address. */
    public static final ClientGranularity HOST = new ClientGranularity(32, 128);

    public ClientGranularity {
        if (ipv4Prefix < 0 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("persistence_granularity: /" + ipv4Prefix + " (expected: 0-32 for IPv4)");
        }
        if (ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("persistence_granularity: /" + ipv6Prefix + " (expected: 0-128 for IPv6)");
        }
    }

    /**
     * {@code 255.255.255.0} (IPv4 netmask, contiguous), {@code /24} or {@code 24}: a prefix for
     * both families (capped at 32 for IPv4).
     *
     * @throws IllegalArgumentException {@code persistence_granularity: '255.0.255.0' (expected: a contiguous IPv4 netmask or a prefix length 0-128)}
     */
    public static ClientGranularity parse(String text) {
        String t = text.strip();
        String expected = " (expected: a contiguous IPv4 netmask or a prefix length 0-128)";
        try {
            if (t.contains(".")) {
                InetAddress mask = InetAddress.ofLiteral(t);
                if (!(mask instanceof Inet4Address)) {
                    throw new IllegalArgumentException("persistence_granularity: '" + text + "'" + expected);
                }
                byte[] b = mask.getAddress();
                int bits = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
                int prefix = Integer.bitCount(bits);
                if (bits != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
                    throw new IllegalArgumentException("persistence_granularity: '" + text + "'" + expected);
                }
                return new ClientGranularity(prefix, 128);
            }
            int prefix = Integer.parseInt(t.startsWith("/") ? t.substring(1) : t);
            if (prefix < 0 || prefix > 128) {
                throw new IllegalArgumentException("persistence_granularity: '" + text + "'" + expected);
            }
            return new ClientGranularity(Math.min(prefix, 32), prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("persistence_granularity: '" + text + "'" + expected, e);
        }
    }

    /** The client's template key: its address with the host bits cleared. */
    public InetAddress apply(InetAddress client) {
        byte[] b = client.getAddress();
        int prefix = b.length == 4 ? ipv4Prefix : ipv6Prefix;
        for (int i = 0; i < b.length; i++) {
            int keep = Math.clamp(prefix - 8L * i, 0, 8);
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How ipvsadm prints the IPv4 mask ({@code 255.255.255.0}). */
    public String ipv4Netmask() {
        int bits = ipv4Prefix == 0 ? 0 : -1 << (32 - ipv4Prefix);
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }
}
