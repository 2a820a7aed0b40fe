package org.bascule.config.keepalived;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, read as strictly as keepalived's inet_pton-based readers: dotted-quad
 * IPv4 or RFC 4291 IPv6 (with an embedded IPv4 tail allowed); never a host name, so parsing
 * never touches DNS.
 */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private Addresses() {
    }

    /** The address written as {@code text}, if it is a literal. */
    static Optional<InetAddress> parse(String text) {
        if (IPV4.matcher(text).matches()) {
            return ofLiteral(text);
        }
        if (text.indexOf(':') >= 0 && text.length() <= 45 && IPV6_CHARS.matcher(text).matches()) {
            return ofLiteral(text);
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> ofLiteral(String text) {
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An address, or an error {@code invalid <what> 'x' (expected: an IPv4 or IPv6 address)}. */
    static Optional<InetAddress> read(ParseContext ctx, Token token, String what) {
        Optional<InetAddress> address = parse(token.text());
        if (address.isEmpty()) {
            ctx.error(token, "invalid " + what, "an IPv4 or IPv6 address, e.g. 192.168.1.10 or 2001:db8::10");
        }
        return address;
    }

    /** The prefix length of a full-host route for the address's family. */
    static int hostPrefix(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    /** True when both addresses are of the same family. */
    static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet4Address) == (b instanceof Inet4Address);
    }

    /** The address as people write it: dotted quad, or RFC 5952 IPv6 (zeros compressed, lower case). */
    static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
