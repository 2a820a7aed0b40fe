package org.bascule.os;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for one test, made with iproute2 ({@code ip netns add bos-<test>-<pid>-<n>})
 * and removed by {@link #close}. Tests that need it skip with a reason when not root or when
 * {@code ip} is missing.
 */
final class NetnsLab implements AutoCloseable {

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();

    private NetnsLab(String prefix) {
        this.prefix = prefix;
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** A lab, or a skipped test saying why there can be none. */
    static NetnsLab open(String test) {
        assumeTrue(isRoot(), "needs root to create network namespaces (running as uid != 0)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs iproute2's ip command");
        return new NetnsLab("bos-" + test + "-" + ProcessHandle.current().pid());
    }

    /** A new namespace with its loopback up; the name is returned. */
    String namespace(String suffix) {
        String name = prefix + "-" + suffix;
        run("ip", "netns", "add", name);
        namespaces.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A veth pair from {@code nsA:ifA} to {@code nsB:ifB}, both up. */
    void veth(String nsA, String ifA, String nsB, String ifB) {
        run("ip", "-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        run("ip", "-n", nsA, "link", "set", ifA, "up");
        run("ip", "-n", nsB, "link", "set", ifB, "up");
    }

    /** {@code ip -n ns ARGS}, failing the test when it fails; returns what it printed. */
    String ip(String ns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no exit within 20 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        for (String ns : namespaces.reversed()) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IllegalStateException e) {
                System.err.println("could not remove namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
