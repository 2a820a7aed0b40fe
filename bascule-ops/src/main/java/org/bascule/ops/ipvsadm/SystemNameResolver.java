package org.bascule.ops.ipvsadm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.l4.table.L4Protocol;

/**
 * Names from the JDK's resolver (hosts file, DNS) and from {@code /etc/services}.
 *
 * <p>One difference from ipvsadm's {@code gethostbyaddr}: the JDK accepts a reverse name only if
 * that name resolves back to the address, so an address whose PTR record points at a name that
 * does not resolve back is printed as a number here, where ipvsadm would print the name.
 */
final class SystemNameResolver implements NameResolver {
    private final ServicesFile services;

    SystemNameResolver(ServicesFile services) {
        this.services = services;
    }

    static SystemNameResolver create() {
        try {
            return new SystemNameResolver(ServicesFile.load(ServicesFile.DEFAULT_PATH));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ServicesFile.DEFAULT_PATH, e);
        }
    }

    @Override
    public Optional<String> hostName(InetAddress address) {
        try {
            // A fresh instance: one built from a literal would echo the literal back.
            InetAddress bare = InetAddress.getByAddress(address.getAddress());
            String name = bare.getHostName();
            return name.equals(bare.getHostAddress()) ? Optional.empty() : Optional.of(name);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> serviceName(int port, L4Protocol protocol) {
        return services.nameOf(port, protocol.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<InetAddress> hostAddress(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalInt servicePort(String name, L4Protocol protocol) {
        return services.portOf(name, protocol.name().toLowerCase(Locale.ROOT));
    }
}
