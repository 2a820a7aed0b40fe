package org.bascule.config.keepalived;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What a virtual_server is bound to (keepalived.conf(5)):
 * {@code virtual_server IP [PORT]}, {@code virtual_server fwmark N} or
 * {@code virtual_server group NAME}.
 */
public sealed interface VirtualServerAddress {

    /** The words after {@code virtual_server}, e.g. {@code 192.168.10.9 80}. */
    String display();

    /**
     * {@code virtual_server IP PORT}. Port 0 is only valid for a persistent service
     * (keepalived.conf(5): "the port can only be omitted if the virtual service is persistent").
     */
    record Endpoint(InetAddress address, int port) implements VirtualServerAddress {
        public Endpoint {
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
            }
        }

        @Override
        public String display() {
            return Addresses.format(address) + " " + port;
        }

        /** {@code [v6]:port} or {@code v4:port}, as ipvsadm prints it. */
        public String hostPort() {
            String host = address instanceof Inet6Address ? "[" + Addresses.format(address) + "]" : Addresses.format(address);
            return host + ":" + port;
        }
    }

    /** {@code virtual_server fwmark N}: packets marked N by the firewall. */
    record Fwmark(long mark) implements VirtualServerAddress {
        public Fwmark {
            if (mark < 1 || mark > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("fwmark: " + mark + " (expected: 1-4294967295)");
            }
        }

        @Override
        public String display() {
            return "fwmark " + mark;
        }
    }

    /** {@code virtual_server group NAME}: every entry of a virtual_server_group. */
    record Group(String name) implements VirtualServerAddress {
        public Group {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String display() {
            return "group " + name;
        }
    }
}
