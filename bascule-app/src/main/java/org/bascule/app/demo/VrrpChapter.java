package org.bascule.app.demo;

import static org.bascule.app.demo.DemoCommand.seconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bascule.app.Main;

/**
 * The demo's third chapter, when root: two Bascule VRRP instances ({@code bascule run -f
 * keepalived.conf}, each its own process in its own network namespace) on a bridge, and a client
 * namespace. The master is stopped (SIGTERM: it resigns with priority 0, RFC 5798 §6.4.3), the
 * backup takes the VIP after its skew time and announces it by gratuitous ARP; the take-over time
 * is measured. Without root or {@code ip netns}, one line says why the chapter is skipped.
 */
final class VrrpChapter {
    private static final String VIP = "10.77.90.100";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Narrator say;
    private final Path dir;

    VrrpChapter(Narrator say, Path dir) {
        this.say = say;
        this.dir = dir;
    }

    /** Why the chapter cannot run here, or empty when it can. */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("it needs root (network namespaces, VRRP's raw sockets); `sudo ./bascule demo` shows it");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            return Optional.of("`ip` is not installed (Debian package iproute2)");
        }
        return Optional.empty();
    }

    /** Tells the chapter; true when the backup took the VIP over in time. */
    boolean tell() throws Exception {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            say.say("Chapter 3, VRRP: skipped: %s.", why.get());
            return true;
        }
        DemoNetwork net;
        try {
            net = new DemoNetwork();
        } catch (IOException e) {
            say.say("Chapter 3, VRRP: skipped: `ip netns` does not work here: %s.", e.getMessage());
            return true;
        }
        // Ctrl-C runs shutdown hooks, not finally blocks: the hook stops the nodes and removes the namespaces then.
        List<Process> started = new CopyOnWriteArrayList<>();
        Thread cleanup = Thread.ofPlatform().unstarted(() -> {
            started.forEach(Node::stop);
            net.close();
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        long lb2pid;
        try (net) {
            say.say("Chapter 3, VRRP: two balancers lb1 and lb2, each in its own network namespace on a bridge, share VIP %s.", VIP);
            String a = net.node("a", "10.77.90.1/24");
            String b = net.node("b", "10.77.90.2/24");
            String c = net.node("c", "10.77.90.50/24");
            try (Node lb1 = Node.start(a, dir.resolve("lb1"), config("MASTER", 150), started);
                    Node lb2 = Node.start(b, dir.resolve("lb2"), config("BACKUP", 100), started)) {
                lb2pid = lb2.pid();
                say.say("lb1's keepalived.conf (lb2's says state BACKUP, priority 100):");
                say.show(config("MASTER", 150));
                say.say("`ip netns exec %s bascule run -f lb1/keepalived.conf` (PID %d), and lb2 in %s (PID %d).", a, lb1.pid(), b,
                        lb2.pid());
                if (!await(() -> DemoNetwork.holds(a, VIP) && lb2.log().contains("(VI_DEMO) Entering BACKUP STATE"))) {
                    say.say("lb1 did not become master with lb2 backup within %d s: something is wrong. lb1's log:", WAIT.toSeconds());
                    say.show(lb1.log() + lb2.log());
                    return false;
                }
                String macA = DemoNetwork.mac(a);
                String macB = DemoNetwork.mac(b);
                say.say("lb1 is MASTER and holds %s; lb2 is BACKUP. lb1's MAC is %s, lb2's %s.", VIP, macA, macB);
                if (!await(() -> reaches(c, VIP) && DemoNetwork.neighbour(c, VIP).equals(macA))) {
                    say.say("The client did not reach %s at lb1 within %d s: something is wrong.", VIP, WAIT.toSeconds());
                    return false;
                }
                say.say("The client (%s, 10.77.90.50) reaches %s at MAC %s: lb1.", c, VIP, macA);

                say.say("Stopping lb1 (SIGTERM to PID %d): a stopping master sends an advert of priority 0 and drops the VIP.",
                        lb1.pid());
                long stoppedAt = System.nanoTime();
                lb1.process().destroy(); // not waiting for its exit: the clock runs until lb2 holds the VIP
                if (!await(() -> DemoNetwork.holds(b, VIP))) {
                    say.say("lb2 did not take %s over within %d s: something is wrong. lb2's log:", VIP, WAIT.toSeconds());
                    say.show(lb2.log());
                    return false;
                }
                double takeOver = seconds(System.nanoTime() - stoppedAt);
                say.say("lb2 took over the VIP in %.2f s (its skew time after the priority-0 advert): %s is on lb2's eth0.",
                        takeOver, VIP);
                if (!await(() -> reaches(c, VIP) && DemoNetwork.neighbour(c, VIP).equals(macB))) {
                    say.say("The client did not reach %s at lb2 within %d s.", VIP, WAIT.toSeconds());
                    return false;
                }
                say.say("The client reaches %s at MAC %s (lb2) %.2f s after the stop: its ARP entry moved (lb2 sends gratuitous ARP as it takes over).", VIP, macB,
                        seconds(System.nanoTime() - stoppedAt));
                say.say("lb2's log: %s", lb2.log().lines().filter(l -> l.contains("Entering MASTER STATE")).findFirst()
                        .map(String::strip).orElse("(no 'Entering MASTER STATE' line)"));
            }
            say.say("lb2 stopped (SIGTERM to PID %d, exit awaited).", lb2pid);
        } finally {
            removeHook(cleanup);
        }
        say.say("Namespaces removed: `ip netns del` of the bridge's and the three nodes' namespaces.");
        return true;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs, and does what the finally blocks would have
        }
    }

    /**
     * True when a TCP connection from {@code ns} to port 80 of {@code address} is answered within
     * 2 s, accepted or refused (no service listens there: a refusal proves a host holds the
     * address, and fills the client's neighbour table).
     */
    private static boolean reaches(String ns, String address) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, "timeout", "2", "bash", "-c",
                    "exec 3<>/dev/tcp/" + address + "/80").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() != 124; // timeout's status when nothing answered
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private static String config(String state, int priority) {
        return """
                vrrp_instance VI_DEMO {
                    state %s
                    interface eth0
                    virtual_router_id 90
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(state, priority, VIP);
    }

    /** A {@code bascule run -f} process in a namespace; stopped by its PID only. */
    private record Node(Process process, Path dir) implements AutoCloseable {

        static Node start(String ns, Path dir, String config, List<Process> started) throws IOException {
            Files.createDirectories(dir);
            Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
            // `ip netns exec` execs the command, so the process's PID is the JVM's.
            Process p = new ProcessBuilder("ip", "netns", "exec", ns,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "run", "-f", conf.toString(), "--socket", dir.resolve("bascule.sock").toString(), "--io-threads", "1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
            started.add(p);
            return new Node(p, dir);
        }

        long pid() {
            return process.pid();
        }

        String log() {
            try {
                return Files.readString(dir.resolve("log.txt"));
            } catch (IOException e) {
                return "";
            }
        }

        /** SIGTERM to this PID, then SIGKILL if it has not exited in 10 s. */
        static void stop(Process process) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                stop(process);
            }
        }
    }
}
