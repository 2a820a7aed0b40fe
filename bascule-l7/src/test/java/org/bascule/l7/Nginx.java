package org.bascule.l7;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx (Debian's) as a back-end server, one process per server so a test can kill one.
 * Every answer names the server and echoes what the proxy added:
 * {@code <name> xff=<X-Forwarded-For> host=<Host> path=<uri> x=<X-Test>}. {@code /big} serves 16 KiB;
 * {@code /files/<f>} serves the file {@code <f>} of {@link #files()} (404 while it does not exist).
 * The access log line is {@code $remote_addr $proxy_protocol_addr "$request"} (the former is the
 * PROXY header's client under {@code real_ip_header proxy_protocol}).
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    final String name;
    final Path dir;
    final int port;
    private final String listenAddress;
    private final Process process;

    private Nginx(String name, Path dir, String listenAddress, int port, Process process) {
        this.name = name;
        this.dir = dir;
        this.listenAddress = listenAddress;
        this.port = port;
        this.process = process;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "nginx is not installed (apt-get install nginx-light or nginx)");
    }

    static Nginx start(String name, Path parent, String listenAddress, boolean proxyProtocol) throws IOException {
        return start(name, parent, listenAddress, proxyProtocol, "", "");
    }

    /** A server speaking only TLS with {@code cert}/{@code key} (PEM), for {@code server ... ssl}. */
    static Nginx startTls(String name, Path parent, String listenAddress, Path cert, Path key) throws IOException {
        return start(name, parent, listenAddress, false, " ssl", "ssl_certificate " + cert + "; ssl_certificate_key " + key + ";");
    }

    private static Nginx start(String name, Path parent, String listenAddress, boolean proxyProtocol, String listenOptions,
            String serverDirectives) throws IOException {
        assumeInstalled();
        int port = freePort(listenAddress);
        Path dir = Files.createDirectories(parent.resolve("nginx-" + name));
        Files.writeString(dir.resolve("big"), "x".repeat(16 * 1024));
        String listen = (listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress) + ":" + port
                + (proxyProtocol ? " proxy_protocol" : "") + listenOptions;
        String conf = """
                user root;
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_requests 100000;
                    log_format real '$remote_addr $proxy_protocol_addr "$request"';
                    server {
                        listen %2$s;
                        %3$s
                        %5$s
                        access_log %1$s/access.log real;
                        location = /big { root %1$s; }
                        location /files/ { alias %1$s/files/; }
                        location / {
                            default_type text/plain;
                            add_header X-Server %4$s;
                            return 200 "%4$s xff=$http_x_forwarded_for host=$http_host path=$request_uri x=$http_x_test\\n";
                        }
                    }
                }
                """.formatted(dir, listen, proxyProtocol ? "set_real_ip_from 0.0.0.0/0; set_real_ip_from ::/0; real_ip_header proxy_protocol;" : "", name, serverDirectives);
        Path cfg = dir.resolve("nginx.conf");
        Files.writeString(cfg, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx n = new Nginx(name, dir, listenAddress, port, p);
        Awaitility.await("nginx " + name + " listening on " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
                    }
                    try (Socket s = new Socket(listenAddress, port)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return n;
    }

    /** The folder behind {@code /files/}: a test writes or deletes files there to change answers. */
    Path files() throws IOException {
        return Files.createDirectories(dir.resolve("files"));
    }

    InetSocketAddress address(String host) {
        return new InetSocketAddress(host, port);
    }

    List<String> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    /**
     * Kills the server at once (SIGKILL to the master and its worker), as a crash would, and
     * returns once nothing listens on its port any more.
     *
     * <p>The master goes first: killed the other way round, the master sees its worker die and
     * respawns one (nginx's "worker process exited on signal 9") before its own SIGKILL lands;
     * that new worker, not in the snapshot, is orphaned with the listening socket and keeps
     * answering, so the "dead" server never refuses a connect.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        workers.forEach(ProcessHandle::destroyForcibly);
        Awaitility.await("nginx " + name + " on " + port + " gone").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    try (Socket s = new Socket(listenAddress, port)) {
                        return false;
                    } catch (IOException e) {
                        return true;
                    }
                });
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
