package org.bascule.app.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bascule.app.BoundedCommand;

/**
 * The VRRP chapter's network: a switch namespace holding a bridge, and node namespaces each with
 * an {@code eth0} on it (10.77.90.0/24). Names carry the demo's PID, so two demos do not meet;
 * every command is bounded; {@link #close()} deletes the namespaces made, and with them every veth.
 */
final class DemoNetwork implements AutoCloseable {
    private static final Duration COMMAND_BOUND = Duration.ofSeconds(10);

    private final String id = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final List<String> namespaces = new ArrayList<>();
    private final String sw;

    DemoNetwork() throws IOException {
        try {
            sw = namespace("sw");
            run("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
            run("ip", "-n", sw, "link", "set", "br0", "up");
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private String namespace(String role) throws IOException {
        String name = "bdemo" + id + role;
        run("ip", "netns", "add", name);
        namespaces.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A node namespace whose {@code eth0}, on the bridge, holds {@code cidr}. */
    String node(String role, String cidr) throws IOException {
        String name = namespace(role);
        String inside = "bd" + id + role;
        String outside = "bs" + id + role;
        run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
        run("ip", "link", "set", inside, "netns", name);
        run("ip", "link", "set", outside, "netns", sw);
        run("ip", "-n", name, "link", "set", inside, "name", "eth0");
        run("ip", "-n", name, "addr", "add", cidr, "dev", "eth0");
        run("ip", "-n", name, "link", "set", "eth0", "up");
        run("ip", "-n", sw, "link", "set", outside, "master", "br0");
        run("ip", "-n", sw, "link", "set", outside, "up");
        return name;
    }

    /** True when {@code address} is on {@code ns}'s eth0. */
    static boolean holds(String ns, String address) {
        return tryRun("ip", "-n", ns, "-o", "addr", "show", "dev", "eth0").contains(" " + address + "/");
    }

    /** The MAC address of {@code ns}'s eth0. */
    static String mac(String ns) throws IOException {
        String link = run("ip", "-n", ns, "-o", "link", "show", "dev", "eth0");
        int at = link.indexOf("link/ether ");
        return at < 0 ? "?" : link.substring(at + 11).split(" ")[0];
    }

    /** The MAC {@code ns} has in its neighbour table for {@code address}, or empty. */
    static String neighbour(String ns, String address) {
        String[] words = tryRun("ip", "-n", ns, "neigh", "show", address).strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("lladdr")) {
                return words[i + 1];
            }
        }
        return "";
    }

    /** Runs a command, bounded; its output, or an exception with its error text. */
    static String run(String... cmd) throws IOException {
        return BoundedCommand.run(COMMAND_BOUND, cmd);
    }

    static String tryRun(String... cmd) {
        return BoundedCommand.tryRun(COMMAND_BOUND, cmd);
    }

    /** Idempotent: the demo's finally blocks and its Ctrl-C hook may both call it. */
    @Override
    public synchronized void close() {
        for (String n : namespaces.reversed()) {
            tryRun("ip", "netns", "del", n);
        }
        namespaces.clear();
    }
}
