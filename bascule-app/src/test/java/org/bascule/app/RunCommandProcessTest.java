package org.bascule.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bascule run} as a separate process, the way a user starts it: it serves the
 * keepalived.conf's virtual server, answers {@code bascule ipvsadm} over its runtime socket,
 * refuses broken files, and stops cleanly on SIGTERM.
 */
class RunCommandProcessTest {
    /**
     * How long a daemon may take to start or refuse before the test calls it hung. Not a speed
     * target (those live in bench/): a JVM start, ~4000 classes and the tier cost 2.5 to 3 s of
     * CPU (1.5 to 3 s wall on 2 cores at load 3 to 6, measured); on a machine shared with other
     * builds that CPU arrives late, and the 20 s this test once allowed were exceeded.
     */
    static final Duration START_GUARD = Duration.ofSeconds(90);

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
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        started.add(p);
        return p;
    }

    /**
     * Waits for the daemon's own word that it serves: its "serving ..." line, logged once the
     * listeners and the runtime socket are up. Reading a file each 50 ms costs less than running
     * {@code bascule ipvsadm} in this JVM (4 to 9 ms of CPU a poll, measured), CPU the starting
     * daemon needs more; a daemon that exits is reported at once with what it printed.
     */
    static void awaitServing(Process daemon, Path dir) throws IOException {
        long t0 = System.nanoTime();
        Path err = dir.resolve("err.txt");
        try {
            await("bascule run to log that it serves").atMost(START_GUARD).pollInterval(Duration.ofMillis(50))
                    .until(() -> !daemon.isAlive() || Files.readString(err).contains("RunCommand: serving "));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("bascule run neither served nor exited in " + START_GUARD + "; stderr so far:\n"
                    + Files.readString(err), e);
        }
        assertThat(daemon.isAlive()).as("bascule run exited: %s", Files.readString(err)).isTrue();
        System.out.printf("bascule run served %d ms after its start%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** A real server that answers each connection with its name and closes. */
    private int realServer(String name) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(ss);
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
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

    private static String fetch(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            s.setSoTimeout(2_000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void servesTheConfigurationAndShowsItsTableThroughIpvsadm(@TempDir Path dir) throws Exception {
        int web1 = realServer("web1");
        int web2 = realServer("web2");
        int vip = freePort();
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 %d {
                        weight 10
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 127.0.0.1 %d {
                        weight 5
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(vip, web1, web2));
        Path socket = dir.resolve("bascule.sock");
        Process daemon = bascule(dir, "run", "-f", conf.toString(), "--socket", socket.toString());

        awaitServing(daemon, dir);
        assertThat(CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln").exit())
                .as("the runtime socket answers once the daemon says it serves").isZero();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(fetch(vip));
        }
        assertThat(answers).filteredOn("web1"::equals).hasSize(20);
        assertThat(answers).filteredOn("web2"::equals).hasSize(10);

        CheckCommandTest.Outcome table = CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln");
        assertThat(table.out()).contains("Prot LocalAddress:Port Scheduler Flags", "TCP  127.0.0.1:" + vip + " wrr")
                .containsPattern("  -> 127\\.0\\.0\\.1:" + web1 + " +Masq    10 +0 +20")
                .containsPattern("  -> 127\\.0\\.0\\.1:" + web2 + " +Masq    5 +0 +10");
        CheckCommandTest.Outcome stats = CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln", "--stats");
        assertThat(stats.out()).containsPattern("TCP  127\\.0\\.0\\.1:" + vip + " +30 ");
        CheckCommandTest.Outcome bad = CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "--foo");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown option '--foo'");

        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("serving 1 virtual service(s)").contains("stopping");
        assertThat(Files.exists(socket)).as("runtime socket removed on stop").isFalse();
        CheckCommandTest.Outcome gone = CheckCommandTest.bascule("ipvsadm", "--socket", socket.toString(), "-Ln");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("no running daemon answers on " + socket);
    }

    @Test
    void refusesToStartOnAConfigurationWithErrors(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("broken.conf");
        Files.writeString(conf, """
                virtual_server 127.0.0.1 8080 {
                    lb_algo nosuch
                    real_server 127.0.0.1 9001 {
                        weight heavy
                    }
                """);
        Process daemon = bascule(dir, "run", "-f", conf.toString(), "--socket", dir.resolve("s.sock").toString());
        assertThat(daemon.waitFor(START_GUARD.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(1);
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(err).contains(conf + ":2:").contains(conf + ":4:").contains("not starting");
    }

    @Test
    void aVipThatCannotBeBoundIsAClearStartupError(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, """
                    virtual_server 127.0.0.1 %d {
                        lb_algo rr
                        lb_kind NAT
                        protocol TCP
                        real_server 127.0.0.1 9 {
                        }
                    }
                    """.formatted(taken.getLocalPort()));
            Process daemon = bascule(dir, "run", "-f", conf.toString(), "--socket", dir.resolve("s.sock").toString());
            assertThat(daemon.waitFor(START_GUARD.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(daemon.exitValue()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("err.txt")))
                    .contains("not starting").contains("127.0.0.1:" + taken.getLocalPort()).contains("cannot listen");
        }
    }
}
