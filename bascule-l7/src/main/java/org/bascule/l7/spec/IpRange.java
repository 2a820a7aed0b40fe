package org.bascule.l7.spec;

import java.net.InetAddress;

/**
 * An address or network, {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address: the
 * patterns of {@code src} and of {@code option forwardfor except}. An IPv4 range also matches
 * IPv4-mapped IPv6 clients ({@code ::ffff:10.0.0.1}) as HAProxy does.
 */
public record IpRange(InetAddress network, int prefix) {

    public IpRange {
        Require.nonNull(network, "network");
        Require.range(prefix, 0, network.getAddress().length * 8, "prefix");
        byte[] a = network.getAddress();
        for (int bit = prefix; bit < a.length * 8; bit++) {
            Require.that((a[bit / 8] & (0x80 >> (bit % 8))) == 0, "network", network.getHostAddress() + "/" + prefix,
                    "no host bits set after the prefix");
        }
    }

    /** Parses {@code addr} or {@code addr/prefix} (numeric addresses only, no DNS). */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (addr.isEmpty() || !(addr.indexOf(':') >= 0 || addr.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("address: '" + text + "' (expected: an IPv4 or IPv6 address[/prefix])");
        }
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address: '" + text + "' (expected: an IPv4 or IPv6 address[/prefix])");
        }
        int max = ip.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix: '" + text + "' (expected: 0-" + max + ")");
        }
        return new IpRange(ip, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length == 16 && n.length == 4 && isV4Mapped(a)) {
            byte[] v4 = new byte[4];
            System.arraycopy(a, 12, v4, 0, 4);
            a = v4;
        }
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        return rest == 0 || ((a[full] ^ n[full]) & (0xff << (8 - rest)) & 0xff) == 0;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
