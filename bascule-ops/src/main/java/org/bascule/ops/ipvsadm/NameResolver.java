package org.bascule.ops.ipvsadm;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.l4.table.L4Protocol;

/**
 * The name look-ups ipvsadm makes through libc: {@code gethostbyaddr} and {@code getservbyport}
 * when listing without {@code -n}, {@code gethostbyname} and {@code getservbyname} when reading a
 * service-address. Behind an interface so listings are testable without DNS.
 */
public interface NameResolver {

    /** The host's name by reverse look-up, or empty when it has none (ipvsadm then prints the address). */
    Optional<String> hostName(InetAddress address);

    /** The official service name of a port in {@code /etc/services}, or empty (ipvsadm then prints the number). */
    Optional<String> serviceName(int port, L4Protocol protocol);

    /** The IPv4 address of a host name, or empty; ipvsadm's {@code host_to_addr} keeps the first. */
    Optional<InetAddress> hostAddress(String host);

    /** The port of a service name or alias in {@code /etc/services}, or empty. */
    OptionalInt servicePort(String name, L4Protocol protocol);

    /** The machine's resolver and {@code /etc/services}, as ipvsadm uses them. */
    static NameResolver system() {
        return SystemNameResolver.create();
    }

    /** Resolves nothing: names never appear, service-addresses must be literal. */
    static NameResolver none() {
        return new NameResolver() {
            @Override
            public Optional<String> hostName(InetAddress address) {
                return Optional.empty();
            }

            @Override
            public Optional<String> serviceName(int port, L4Protocol protocol) {
                return Optional.empty();
            }

            @Override
            public Optional<InetAddress> hostAddress(String host) {
                return Optional.empty();
            }

            @Override
            public OptionalInt servicePort(String name, L4Protocol protocol) {
                return OptionalInt.empty();
            }
        };
    }
}
