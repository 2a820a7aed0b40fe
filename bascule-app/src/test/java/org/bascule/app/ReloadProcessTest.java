package org.bascule.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-O4 / R-X1 with {@code bascule run} as a real process and clients connecting all along:
 * {@code bascule ipvsadm} edits take effect at once, SIGHUP applies the edited file by
 * difference (unchanged real servers keep their connections, counters and health state;
 * removed ones drain; runtime edits give way to the file), and a broken file changes nothing
 * and is reported with its file:line. Not one client connection fails.
 */
class ReloadProcessTest {
    private final List<Process> started = new ArrayList<>();
    private final List<ServerSocket> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    private Process bascule(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        started.add(p);
        return p;
    }

    /** A real server: greets with its name, then echoes until the client closes. */
    private int realServer(String name) throws IOException {
        ServerSocket ss = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        servers.add(ss);
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            OutputStream out = s.getOutputStream();
                            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                            s.getInputStream().transferTo(out);
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ss.getLocalPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One client connection held open: its server's name, and echo checks. */
    private static final class Held implements AutoCloseable {
        final Socket socket = new Socket();
        final String server;

        Held(int port) throws IOException {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(5_000);
            server = line();
        }

        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("closed after '" + b + "'");
                }
                b.append((char) c);
            }
            return b.toString();
        }

        void echo(String text) throws IOException {
            socket.getOutputStream().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(line()).isEqualTo(text);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Clients that connect, read the greeting, echo once and close, until stopped. */
    private static final class Load implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger done = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> servedBy = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();

        Load(int port, int clients) {
            for (int i = 0; i < clients; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        try (Held h = new Held(port)) {
                            h.echo("ping");
                            servedBy.add(h.server);
                            done.incrementAndGet();
                        } catch (IOException | AssertionError e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
        }

        /** The servers of the connections completed after the first {@code from}. */
        List<String> since(int from) {
            synchronized (servedBy) {
                return new ArrayList<>(servedBy.subList(from, servedBy.size()));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    private static String conf(int vip, String... realServers) {
        StringBuilder b = new StringBuilder("virtual_server 127.0.0.1 " + vip + " {\n    delay_loop 1\n    lb_algo rr\n"
                + "    lb_kind NAT\n    protocol TCP\n");
        for (String rs : realServers) {
            String[] parts = rs.split("/");
            b.append("    real_server 127.0.0.1 ").append(parts[0]).append(" {\n        weight ").append(parts[1])
                    .append("\n        TCP_CHECK {\n            connect_timeout 1\n        }\n    }\n");
        }
        return b.append("}\n").toString();
    }

    private static String ipvsadm(Path socket, String... args) {
        List<String> all = new ArrayList<>(List.of("ipvsadm", "--socket", socket.toString()));
        all.addAll(List.of(args));
        CheckCommandTest.Outcome o = CheckCommandTest.bascule(all.toArray(String[]::new));
        assertThat(o.exit()).as(o.err()).isZero();
        return o.out();
    }

    /** A real server's "Conns" from {@code -Ln --stats --exact}. */
    private static long conns(String stats, int port) {
        Matcher m = Pattern.compile("  -> 127\\.0\\.0\\.1:" + port + " +(\\d+) ").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The listing without its connection counts, which move with the traffic. */
    private static List<String> members(String listing) {
        return listing.lines().map(l -> l.replaceAll("^(  -> \\S+ +\\S+ +\\d+).*$", "$1")).toList();
    }

    private static void hangUp(Process daemon) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void sighupAppliesTheFileByDifferenceWhileTrafficFlows(@TempDir Path dir) throws Exception {
        int web1 = realServer("web1");
        int web2 = realServer("web2");
        int web3 = realServer("web3");
        int web4 = realServer("web4");
        int dead = freePort(); // configured, never listening: its check keeps it out
        int vip = freePort();
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, conf(vip, web1 + "/1", web2 + "/1", dead + "/1"));
        Path socket = dir.resolve("bascule.sock");
        Process daemon = bascule(dir, "run", "-f", conf.toString(), "--socket", socket.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.isAlive()
                || CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln").exit() == 0);
        assertThat(daemon.isAlive()).as(Files.readString(dir.resolve("err.txt"))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !ipvsadm(socket, "-Ln").contains(":" + dead + " "));

        Held onWeb1 = null;
        Held onWeb2 = null;
        List<Held> others = new ArrayList<>();
        while (onWeb1 == null || onWeb2 == null) {
            Held h = new Held(vip);
            if (h.server.equals("web1") && onWeb1 == null) {
                onWeb1 = h;
            } else if (h.server.equals("web2") && onWeb2 == null) {
                onWeb2 = h;
            } else {
                others.add(h);
            }
        }
        for (Held h : others) {
            h.close();
        }

        Load load = new Load(vip, 3);
        try (load) {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.done.get() > 50);

            // runtime edits through bascule ipvsadm, at once
            assertThat(ipvsadm(socket, "-e", "-t", "127.0.0.1:" + vip, "-r", "127.0.0.1:" + web1, "-m", "-w", "7")).isEmpty();
            assertThat(ipvsadm(socket, "-a", "-t", "127.0.0.1:" + vip, "-r", "127.0.0.1:" + web4, "-m")).isEmpty();
            int seen = load.servedBy.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.since(seen).contains("web4"));
            assertThat(ipvsadm(socket, "-Ln")).containsPattern("  -> 127\\.0\\.0\\.1:" + web1 + " +Masq    7 ");
            long web1Before = conns(ipvsadm(socket, "-Ln", "--stats", "--exact"), web1);
            assertThat(web1Before).isPositive();

            // the file now: web1 unchanged (weight 1), web2 removed, web3 added, dead unchanged
            Files.writeString(conf, conf(vip, web1 + "/1", web3 + "/1", dead + "/1"));
            hangUp(daemon);
            await().atMost(Duration.ofSeconds(20)).until(() -> ipvsadm(socket, "-Ln").contains("127.0.0.1:" + web3 + " "));
            String after = ipvsadm(socket, "-Ln");
            assertThat(after).containsPattern("  -> 127\\.0\\.0\\.1:" + web1 + " +Masq    1 ") // the file's weight again
                    .doesNotContain("127.0.0.1:" + web2 + " ")                                 // removed
                    .doesNotContain("127.0.0.1:" + web4 + " ")                                 // runtime addition undone
                    .doesNotContain("127.0.0.1:" + dead + " ");                                // still down: health kept
            assertThat(conns(ipvsadm(socket, "-Ln", "--stats", "--exact"), web1)).as("counters kept").isGreaterThanOrEqualTo(web1Before);
            onWeb1.echo("unchanged server, connection kept");
            onWeb2.echo("removed server, connection drains");
            int seenAfter = load.servedBy.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.since(seenAfter).contains("web3"));
            assertThat(load.since(seenAfter)).doesNotContain("web2", "web4");

            // a broken file: nothing changes, the log says where
            Files.writeString(conf, conf(vip, web1 + "/1") + "virtual_server 127.0.0.1 {\n");
            hangUp(daemon);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(dir.resolve("err.txt"))
                    .contains("reload failed, keeping the running configuration"));
            assertThat(Files.readString(dir.resolve("err.txt"))).contains(conf + ":");
            assertThat(members(ipvsadm(socket, "-Ln"))).isEqualTo(members(after));
            int seenBroken = load.done.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.done.get() > seenBroken + 30);
        }
        onWeb1.echo("still");
        onWeb2.echo("still");
        onWeb1.close();
        onWeb2.close();
        System.out.printf("reload under load: %d connections, %d failed%n", load.done.get(), load.failures.size());
        assertThat(load.failures).as("client connections that failed").isEmpty();
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("reloaded " + conf);
    }
}
