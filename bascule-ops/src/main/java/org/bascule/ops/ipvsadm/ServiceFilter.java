package org.bascule.ops.ipvsadm;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.ServiceAddress;

/** The virtual service named by {@code -t}, {@code -u} or {@code -f}, as ipvsadm's {@code parse_service}/{@code parse_fwmark} read it. */
public sealed interface ServiceFilter {

    /** Whether a service of the table is the one named. */
    boolean matches(ServiceAddress address);

    /** {@code -t VIP[:PORT]} or {@code -u VIP[:PORT]}; a missing port is 0, as in ipvsadm. */
    record Endpoint(L4Protocol protocol, InetAddress address, int port) implements ServiceFilter {
        public Endpoint {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
            }
        }

        @Override
        public boolean matches(ServiceAddress candidate) {
            return candidate instanceof ServiceAddress.Endpoint(var p, var a)
                    && p == protocol && a.getPort() == port && address.equals(a.getAddress());
        }

        @Override
        public String toString() {
            String host = AddressText.ntop(address);
            return protocol + " " + (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** {@code -f MARK}; ipvsadm accepts 1 to 2^32-1. */
    record Fwmark(long mark) implements ServiceFilter {
        public Fwmark {
            if (mark <= 0 || mark > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("mark: " + mark + " (expected: 1-4294967295)");
            }
        }

        @Override
        public boolean matches(ServiceAddress candidate) {
            return candidate instanceof ServiceAddress.Fwmark(int m) && m == mark;
        }

        @Override
        public String toString() {
            return "FWM " + mark;
        }
    }
}
