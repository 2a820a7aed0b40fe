package org.bascule.ops.ipvsadm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bascule.l4.table.DestinationView;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceView;

/**
 * The order ipvsadm lists in unless {@code --nosort}: libipvs's {@code ipvs_cmp_services} (fwmark,
 * address family, protocol number, address, port) and {@code ipvs_cmp_dests} (address, port), run
 * by glibc's {@code qsort}, which is a merge sort.
 *
 * <p>Reproduced exactly, quirk included: libipvs subtracts two addresses as unsigned 32-bit words
 * and reads the difference as a signed int, so addresses more than 2^31 apart compare the wrong
 * way round ({@code 192.168.0.1} lists before {@code 10.0.0.1}). Such a comparison is not a total
 * order, so the merge is glibc's own ({@code msort_with_tmp}: halves of n/2 and n - n/2, ties
 * from the left), not the JDK's sort, whose result would differ and which may reject it.
 */
final class IpvsadmOrder {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private IpvsadmOrder() {}

    static List<ServiceView> services(List<ServiceView> services) {
        return mergeSort(services, IpvsadmOrder::compareServices);
    }

    static List<DestinationView> destinations(List<DestinationView> destinations) {
        return mergeSort(destinations, IpvsadmOrder::compareDestinations);
    }

    static int compareServices(ServiceView s1, ServiceView s2) {
        int r = fwmark(s1) - fwmark(s2);
        if (r != 0) {
            return r;
        }
        r = family(s1) - family(s2);
        if (r != 0) {
            return r;
        }
        r = protocolNumber(s1) - protocolNumber(s2);
        if (r != 0) {
            return r;
        }
        r = compareWords(words(s1), words(s2), family(s1) == AF_INET6);
        if (r != 0) {
            return r;
        }
        return port(s1) - port(s2);
    }

    static int compareDestinations(DestinationView d1, DestinationView d2) {
        InetAddress a1 = AddressText.ip(d1.address());
        int r = compareWords(words(a1), words(AddressText.ip(d2.address())), AddressText.isIpv6(a1));
        if (r != 0) {
            return r;
        }
        return d1.address().getPort() - d2.address().getPort();
    }

    /** Whether ipvsadm sees the service as IPv6; a fwmark service is when all its real servers are (keepalived's rule). */
    static boolean isIpv6(ServiceView s) {
        return switch (s.address()) {
            case ServiceAddress.Endpoint e -> AddressText.isIpv6(AddressText.ip(e.address()));
            case ServiceAddress.Fwmark f -> !s.destinations().isEmpty()
                    && s.destinations().stream().allMatch(d -> AddressText.isIpv6(AddressText.ip(d.address())));
        };
    }

    private static int fwmark(ServiceView s) {
        return s.address() instanceof ServiceAddress.Fwmark(int mark) ? mark : 0;
    }

    private static int family(ServiceView s) {
        return isIpv6(s) ? AF_INET6 : AF_INET;
    }

    /** IPPROTO_* of the service; IPVS reports none for a fwmark service (no protocol attribute in its netlink dump). */
    private static int protocolNumber(ServiceView s) {
        return switch (s.address()) {
            case ServiceAddress.Endpoint e -> switch (e.protocol()) {
                case TCP -> 6;
                case UDP -> 17;
                case SCTP -> 132;
            };
            case ServiceAddress.Fwmark f -> 0;
        };
    }

    private static int port(ServiceView s) {
        return s.address() instanceof ServiceAddress.Endpoint e ? e.address().getPort() : 0;
    }

    private static int[] words(ServiceView s) {
        return s.address() instanceof ServiceAddress.Endpoint e ? words(AddressText.ip(e.address())) : new int[4];
    }

    /** The address as the four host-order words of {@code union nf_inet_addr}; IPv4 fills the first. */
    private static int[] words(InetAddress a) {
        byte[] b = a.getAddress();
        int[] w = new int[4];
        for (int i = 0; i < b.length / 4; i++) {
            w[i] = ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8) | (b[4 * i + 3] & 0xff);
        }
        return w;
    }

    /** {@code r = ntohl(a) - ntohl(b)} into an int: Java's int subtraction wraps exactly as C's conversion does. */
    private static int compareWords(int[] w1, int[] w2, boolean ipv6) {
        if (!ipv6) {
            return w1[0] - w2[0];
        }
        int r = 0;
        for (int i = 0; r == 0 && i < 4; i++) {
            r = w1[i] - w2[i];
        }
        return r;
    }

    /** glibc {@code msort_with_tmp}: top-down merge sort, left half n/2, left element kept on ties. */
    static <T> List<T> mergeSort(List<T> items, Comparator<? super T> cmp) {
        @SuppressWarnings("unchecked")
        T[] a = (T[]) items.toArray();
        mergeSort(a, Arrays.copyOf(a, a.length), 0, a.length, cmp);
        return new ArrayList<>(Arrays.asList(a));
    }

    private static <T> void mergeSort(T[] a, T[] tmp, int from, int n, Comparator<? super T> cmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        mergeSort(a, tmp, from, n1, cmp);
        mergeSort(a, tmp, from + n1, n2, cmp);
        int i = from;
        int j = from + n1;
        int k = 0;
        while (n1 > 0 && n2 > 0) {
            if (cmp.compare(a[i], a[j]) <= 0) {
                tmp[k++] = a[i++];
                n1--;
            } else {
                tmp[k++] = a[j++];
                n2--;
            }
        }
        while (n1-- > 0) {
            tmp[k++] = a[i++];
        }
        // What is left of the right half is already in place.
        System.arraycopy(tmp, 0, a, from, k);
    }
}
