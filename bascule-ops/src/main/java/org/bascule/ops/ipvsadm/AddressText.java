package org.bascule.ops.ipvsadm;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.bascule.l4.table.L4Protocol;

/**
 * Addresses as ipvsadm writes them: {@code inet_ntop} text (glibc's IPv6 form: lower-case hex, the
 * longest run of two or more zero groups as {@code ::}, the first if two tie, a trailing dotted
 * quad for IPv4-compatible and -mapped addresses) and {@code addrport_to_anyname}'s
 * {@code host:port} / {@code [host]:port}.
 */
final class AddressText {
    /** {@code addrport_to_anyname} writes into {@code malloc(60)} with {@code snprintf}: 59 characters at most. */
    private static final int ADDRPORT_MAX = 59;

    private AddressText() {}

    /** The IP address of a table entry; the L4 table holds resolved addresses only. */
    static InetAddress ip(InetSocketAddress socketAddress) {
        InetAddress a = socketAddress.getAddress();
        if (a == null) {
            throw new IllegalStateException("address: " + socketAddress.getHostString() + " (expected: a resolved IP address)");
        }
        return a;
    }

    static boolean isIpv6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    /** {@code addrport_to_anyname}: numbers with {@code -n}; else the host's name and the port's service name where they exist. */
    static String addrPort(InetAddress address, int port, Optional<L4Protocol> protocol, boolean numeric, NameResolver names) {
        String host = numeric ? ntop(address) : names.hostName(address).orElseGet(() -> ntop(address));
        String service = numeric ? null : protocol.flatMap(p -> names.serviceName(port, p)).orElse(null);
        String text = isIpv6(address)
                ? "[" + host + "]:" + (service != null ? service : port)
                : host + ":" + (service != null ? service : port);
        return text.length() > ADDRPORT_MAX ? text.substring(0, ADDRPORT_MAX) : text;
    }

    /** {@code inet_ntop} of either family. */
    static String ntop(InetAddress address) {
        return switch (address) {
            case Inet4Address v4 -> v4.getHostAddress();
            case Inet6Address v6 -> ntop6(v6.getAddress());
            default -> throw new IllegalArgumentException("address: " + address + " (expected: IPv4 or IPv6)");
        };
    }

    /** glibc's {@code inet_ntop6}; the JDK's own text keeps every zero group, which ipvsadm never prints. */
    static String ntop6(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("address length: " + bytes.length + " (expected: 16)");
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLen) {
                bestBase = start;
                bestLen = i - start;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                out.append(bytes[12] & 0xff).append('.').append(bytes[13] & 0xff).append('.')
                        .append(bytes[14] & 0xff).append('.').append(bytes[15] & 0xff);
                return out.toString();
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out.append(':');
        }
        return out.toString();
    }
}
