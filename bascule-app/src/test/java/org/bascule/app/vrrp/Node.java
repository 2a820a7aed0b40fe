package org.bascule.app.vrrp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bascule.app.Main;

/**
 * A VRRP speaker running in a namespace as its own process: Bascule ({@code bascule run -f},
 * compiled classes, as a user starts it) or the real keepalived 2.2.7 ({@code -n -P}). Both are
 * stopped by their PID only.
 */
final class Node implements AutoCloseable {

    final String name;
    final Process process;
    final Path dir;
    private final Path keepalivedVrrpPid;

    private Node(String name, Process process, Path dir, Path keepalivedVrrpPid) {
        this.name = name;
        this.process = process;
        this.dir = dir;
        this.keepalivedVrrpPid = keepalivedVrrpPid;
    }

    static Node bascule(String ns, Path dir, String config) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "-f", conf.toString(), "--socket", dir.resolve("bascule.sock").toString(), "--io-threads", "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        return new Node("bascule@" + ns, p, dir, null);
    }

    static Node keepalived(String ns, Path dir, String config) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config);
        Path vrrpPid = dir.resolve("vrrp.pid");
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/sbin/keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                "-p", dir.resolve("keepalived.pid").toString(), "-r", vrrpPid.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        return new Node("keepalived@" + ns, p, dir, vrrpPid);
    }

    /** SIGTERM to our process: a master resigns with priority 0 and removes its addresses. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * SIGKILL: a crash. For keepalived the VRRP child is killed too (by the PID it wrote),
     * since killing only the parent leaves the child advertising (LAB.md).
     */
    void kill() throws InterruptedException {
        // keepalived's parent respawns a dead VRRP child: kill the parent first.
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
        if (keepalivedVrrpPid != null && Files.exists(keepalivedVrrpPid)) {
            try {
                long child = Long.parseLong(Files.readString(keepalivedVrrpPid).strip());
                ProcessHandle.of(child).filter(h -> h.info().command().orElse("").contains("keepalived"))
                        .ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException | NumberFormatException e) {
                // No child PID written: it never started.
            }
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("log.txt"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
