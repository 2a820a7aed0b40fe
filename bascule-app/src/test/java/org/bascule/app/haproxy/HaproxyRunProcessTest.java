package org.bascule.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bascule.app.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bascule run -f haproxy.cfg} as a separate process: real HTTP from the JDK's client
 * through the L7 tier to two real HTTP servers (the JDK's), routed by path, with headers
 * rewritten both ways, the monitor URI, and a start-up warning naming the line of what the tier
 * does not do yet.
 */
class HaproxyRunProcessTest {
    private final List<Process> started = new ArrayList<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        servers.forEach(s -> s.stop(0));
    }

    private Process bascule(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        started.add(p);
        return p;
    }

    /** A real HTTP server answering "NAME PATH x-from=<X-From header>" with an X-Server header. */
    private int web(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        s.createContext("/", ex -> {
            byte[] body = (name + " " + ex.getRequestURI().getPath() + " x-from=" + ex.getRequestHeaders().getFirst("X-From"))
                    .getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().add("X-Server", name);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        servers.add(s);
        return s.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpThroughTheL7TierAsConfigured(@TempDir Path dir) throws Exception {
        int web1 = web("web1");
        int web2 = web("web2");
        int api = web("api");
        int port = freePort();
        Path conf = dir.resolve("haproxy.cfg");
        Files.writeString(conf, """
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:%d
                    acl is_api path_beg /api/
                    acl dead nbsrv(web) lt 1
                    monitor-uri /healthcheck
                    monitor fail if dead
                    http-request set-header X-From bascule
                    http-response set-header X-Proxied yes
                    compression algo gzip
                    use_backend api if is_api
                    default_backend web
                backend web
                    balance roundrobin
                    server web1 127.0.0.1:%d check inter 500ms
                    server web2 127.0.0.1:%d check inter 500ms
                backend api
                    server api1 127.0.0.1:%d
                """.formatted(port, web1, web2, api));
        Process daemon = bascule(dir, "run", "-f", conf.toString());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!daemon.isAlive()) {
                return true;
            }
            try {
                return get(port, "/healthcheck").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(daemon.isAlive()).as(err).isTrue();
        // The statement the tier does not do is announced with its line, not ignored silently.
        assertThat(err).contains(conf + ":14:5: warning: compression not supported by the L7 tier yet, ignored 'compression algo gzip'");

        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = get(port, "/page");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Proxied")).contains("yes");
            bodies.add(r.body());
        }
        assertThat(bodies).filteredOn("web1 /page x-from=bascule"::equals).hasSize(3);
        assertThat(bodies).filteredOn("web2 /page x-from=bascule"::equals).hasSize(3);
        assertThat(get(port, "/api/v1").body()).isEqualTo("api /api/v1 x-from=bascule");

        // Both web servers gone: nbsrv(web) drops below 1 and the monitor URI says 503.
        servers.get(0).stop(0);
        servers.get(1).stop(0);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> get(port, "/healthcheck").statusCode() == 503);

        daemon.destroy();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("serving 1 frontend(s), 2 backend(s)").contains("stopping");
    }

    @Test
    void refusesAFileWithErrors(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("haproxy.cfg"), "frontend www\n    bind 127.0.0.1:1\n    default_backend nowhere\n");
        Process daemon = bascule(dir, "run", "-f", conf.toString());
        assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains(conf + ":3:21: error: no such backend for default_backend 'nowhere'")
                .contains("not starting");
    }
}
