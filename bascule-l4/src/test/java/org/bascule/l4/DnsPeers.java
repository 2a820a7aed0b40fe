package org.bascule.l4;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real DNS peers for the UDP tests: dnsmasq (Debian {@code dnsmasq-base}) as a real server on a
 * loopback port, answering {@code web.test A} with its own address so the answer tells which
 * server replied, and dig (Debian {@code dnsutils}) as the client. Skips the test when either
 * is missing. Stops only the processes it started, by handle.
 */
final class DnsPeers implements AutoCloseable {
    static final String NAME = "web.test";

    private final List<Process> started = new ArrayList<>();

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq (Debian dnsmasq-base) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")), "dig (Debian dnsutils) is not installed");
    }

    /** A dnsmasq on 127.0.0.1 (UDP and TCP, same port) answering {@link #NAME} with {@code answer}. */
    InetSocketAddress server(String answer) throws IOException, InterruptedException {
        int port = freePort();
        Process p = new ProcessBuilder("/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--address=/" + NAME + "/" + answer, "--user=root", "--pid-file=", "--log-facility=-")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answer.equals(dig(address)) && System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("dnsmasq on port " + port + " exited with " + p.exitValue());
            }
        }
        return address;
    }

    /** Stops one server started here. */
    void stop(int index) throws InterruptedException {
        Process p = started.get(index);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** {@code dig +short} of {@link #NAME} at {@code server}: the answer, or "" when none came in 2 s. */
    static String dig(InetSocketAddress server) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/dig", "+short", "+tries=1", "+time=2", "-p",
                Integer.toString(server.getPort()), "@" + server.getAddress().getHostAddress(), NAME, "A")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "";
        }
        return p.exitValue() == 0 && !out.startsWith(";") ? out : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
