package org.bascule.app.vrrp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bascule.app.BoundedCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small L2 network of our own for VRRP tests: a switch namespace holding a bridge, and node
 * namespaces each with one veth leg on it (addresses in 10.77.0.0/16). Every command is bounded;
 * {@link #close()} deletes the namespaces it made, and so every veth in them.
 */
final class Lab implements AutoCloseable {

    final String id = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    private final List<String> namespaces = new ArrayList<>();
    private final String sw;

    /** Skips the test, with the reason, unless we are root with ip, keepalived and socat. */
    static void assumeAvailable() {
        assumeTrue("root".equals(System.getProperty("user.name")), "VRRP namespace tests need root (network namespaces, raw sockets)");
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/keepalived", "/usr/bin/socat")) {
            assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed (Debian packages iproute2, keepalived, socat)");
        }
    }

    Lab() throws IOException {
        sw = ns("sw");
        run("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", sw, "link", "set", "br0", "up");
    }

    /** The namespace name for {@code role}, created if new. */
    String ns(String role) throws IOException {
        String name = "bv" + id + role;
        if (!namespaces.contains(name)) {
            run("ip", "netns", "add", name);
            namespaces.add(name);
            run("ip", "-n", name, "link", "set", "lo", "up");
        }
        return name;
    }

    /** A node namespace with interface {@code eth0} on the bridge, holding {@code cidr}. */
    String node(String role, String cidr) throws IOException {
        String name = ns(role);
        String legIn = "v" + id + role;
        String legSw = "s" + id + role;
        run("ip", "link", "add", legIn, "type", "veth", "peer", "name", legSw);
        run("ip", "link", "set", legIn, "netns", name);
        run("ip", "link", "set", legSw, "netns", sw);
        run("ip", "-n", name, "link", "set", legIn, "name", "eth0");
        run("ip", "-n", name, "addr", "add", cidr, "dev", "eth0");
        run("ip", "-n", name, "link", "set", "eth0", "up");
        run("ip", "-n", sw, "link", "set", legSw, "master", "br0");
        run("ip", "-n", sw, "link", "set", legSw, "up");
        // Servers bind to the VIP before this node holds it (as HAProxy users do).
        run("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv4.ip_nonlocal_bind=1");
        run("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv6.ip_nonlocal_bind=1");
        return name;
    }

    /** Adds {@code cidr} (IPv6, no duplicate address detection: tests should not wait for it) to {@code ns}'s eth0. */
    void addIpv6(String ns, String cidr) throws IOException {
        run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0", "nodad");
    }

    /** The hardware address of {@code ns}'s eth0, as {@code ip link} prints it. */
    String mac(String ns) throws IOException {
        String out = run("ip", "-n", ns, "-o", "link", "show", "dev", "eth0");
        int at = out.indexOf("link/ether ");
        return out.substring(at + 11, at + 28);
    }

    /** True when {@code address} is on {@code ns}'s eth0. */
    boolean holds(String ns, String address) throws IOException {
        return run("ip", "-n", ns, "-o", "addr", "show", "dev", "eth0").contains(" " + address + "/");
    }

    /** Runs a command, bounded to 20 s; its output, or an exception with its error text. */
    static String run(String... cmd) throws IOException {
        return BoundedCommand.run(Duration.ofSeconds(20), cmd);
    }

    /** Same, without failing: the output, or "" when the command failed. */
    static String tryRun(String... cmd) {
        return BoundedCommand.tryRun(Duration.ofSeconds(20), cmd);
    }

    @Override
    public void close() {
        for (String n : namespaces.reversed()) {
            tryRun("ip", "netns", "del", n);
        }
    }
}
