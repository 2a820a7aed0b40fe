package org.bascule.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.bascule.app.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second source document's HAProxy configuration, run by {@code bascule run} with only its
 * addresses adapted (the listening port, and its four IPv6 servers moved to two nginx on
 * {@code [::1]}), against the peers the document uses: nginx with
 * {@code real_ip_header proxy_protocol} and a {@code socat} agent serving a file. nginx's access
 * log shows the real client address that {@code send-proxy} carried.
 */
class HaproxySeedRunTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started.reversed()) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private Process start(Path dir, String name, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** nginx as in the seed: {@code listen … proxy_protocol; set_real_ip_from ::/0; real_ip_header proxy_protocol;}. */
    private int nginx(Path parent, String name) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(name));
        int port = freePort("::1");
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    log_format real '$remote_addr "$request"';
                    server {
                        listen [::1]:%2$d proxy_protocol;
                        set_real_ip_from ::/0;
                        real_ip_header proxy_protocol;
                        access_log %1$s/access.log real;
                        location / { default_type text/plain; return 200 "%3$s $remote_addr\\n"; }
                    }
                }
                """.formatted(dir, port, name));
        Process p = start(parent, name, List.of(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive() || listening("::1", port));
        assertThat(p.isAlive()).as(name + " runs").isTrue();
        return port;
    }

    private static String get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return response.substring(response.indexOf("\r\n\r\n") + 4).strip();
        }
    }

    @Test
    void theSeedRunsAsWrittenWithItsAddressesAdapted(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (.ci/run installs it): seed run skipped");
        assumeTrue(Files.isExecutable(SOCAT), "socat is not installed (.ci/run installs it): seed run skipped");
        int a = nginx(dir, "nginxA");
        int b = nginx(dir, "nginxB");
        // The seed's agent: socat serving /etc/lb/agent-check (here a file in the test directory) on the agent port.
        Path agentFile = Files.writeString(dir.resolve("agent-check"), "UP\n");
        int agentPort = freePort("::1");
        start(dir, "socat", List.of(SOCAT.toString(), "-ly", "TCP6-LISTEN:" + agentPort + ",ipv6only=0,reuseaddr,fork", "OPEN:" + agentFile + ",rdonly"));
        await().atMost(Duration.ofSeconds(10)).until(() -> listening("::1", agentPort));

        int port = freePort("127.0.0.1");
        String seed = Files.readString(HaproxyMappingTest.RESOURCES.resolve("seed2.cfg"));
        String adapted = seed.replace("bind :80 v4v6", "bind :" + port + " v4v6")
                .replace("[2001:db8:1:0:2::1]:80", "[::1]:" + a).replace("[2001:db8:1:0:2::2]:80", "[::1]:" + b)
                .replace("[2001:db8:1:0:2::3]:80", "[::1]:" + a).replace("[2001:db8:1:0:2::4]:80", "[::1]:" + b)
                .replace("agent-port 5555", "agent-port " + agentPort);
        Path conf = Files.writeString(dir.resolve("haproxy.cfg"), adapted);

        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-f", conf.toString());
        Process daemon = start(dir, "bascule", cmd);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !daemon.isAlive() || listening("127.0.0.1", port));
        String err = Files.readString(dir.resolve("bascule.err"));
        assertThat(daemon.isAlive()).as(err).isTrue();
        assertThat(err).contains(conf + ":4:1: warning: v4v6 has no effect on an IPv4 address");

        List<String> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
            try {
                answers.add(get(port));
                return answers.size() >= 8;
            } catch (IOException e) {
                return false;
            }
        });
        // Both nginx get traffic, and each logs the real client address carried by the PROXY header.
        assertThat(answers).allMatch(s -> s.equals("nginxA 127.0.0.1") || s.equals("nginxB 127.0.0.1"));
        assertThat(answers).contains("nginxA 127.0.0.1", "nginxB 127.0.0.1");
        assertThat(Files.readString(dir.resolve("nginxA").resolve("access.log"))).contains("127.0.0.1 \"GET / HTTP/1.0\"");
    }

    private static int status(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String line = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            return Integer.parseInt(line.split(" ")[1]);
        }
    }

    private int agent(Path dir, String name, String line) throws IOException {
        Path file = Files.writeString(dir.resolve(name), line + "\n");
        int port = freePort("::1");
        start(dir, name, List.of(SOCAT.toString(), "-ly", "TCP6-LISTEN:" + port + ",ipv6only=0,reuseaddr,fork", "OPEN:" + file + ",rdonly"));
        await().atMost(Duration.ofSeconds(10)).until(() -> listening("::1", port));
        return port;
    }

    /**
     * The seed's availability pattern through {@code bascule run -f}: HTTP checks ({@code option
     * httpchk}, carrying the PROXY header nginx requires) keep the servers UP; the
     * {@code enabler}'s agent saying MAINT makes {@code monitor-uri /healthcheck} answer 503 while
     * traffic still flows, READY makes it 200 again; a server's agent saying MAINT takes that
     * server out, READY brings it back.
     */
    @Test
    void agentsDriveTheMonitorUriAndTheServers(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (.ci/run installs it): seed run skipped");
        assumeTrue(Files.isExecutable(SOCAT), "socat is not installed (.ci/run installs it): seed run skipped");
        int a = nginx(dir, "nginxA");
        int b = nginx(dir, "nginxB");
        int agentA = agent(dir, "agentA", "UP");
        int agentB = agent(dir, "agentB", "UP");
        int enabler = agent(dir, "enabler", "UP");
        int port = freePort("127.0.0.1");
        String seed = Files.readString(HaproxyMappingTest.RESOURCES.resolve("seed2.cfg"));
        String adapted = seed.replace("bind :80 v4v6", "bind :" + port + " v4v6")
                .replace("[2001:db8:1:0:2::1]:80 send-proxy check agent-check agent-port 5555", "[::1]:" + a + " send-proxy check inter 300 agent-check agent-port " + agentA + " agent-inter 300")
                .replace("[2001:db8:1:0:2::2]:80 send-proxy check agent-check agent-port 5555", "[::1]:" + b + " send-proxy check inter 300 agent-check agent-port " + agentB + " agent-inter 300")
                .replace("[2001:db8:1:0:2::3]:80 send-proxy check agent-check agent-port 5555", "[::1]:" + a + " send-proxy check inter 300 agent-check agent-port " + agentA + " agent-inter 300")
                .replace("[2001:db8:1:0:2::4]:80 send-proxy check agent-check agent-port 5555", "[::1]:" + b + " send-proxy check inter 300 agent-check agent-port " + agentB + " agent-inter 300")
                .replace("[::1]:0 agent-check agent-port 5555", "[::1]:0 agent-check agent-port " + enabler + " agent-inter 300");
        // the excerpt has no defaults; the document's configuration runs in mode http, which monitor-uri needs
        adapted = "defaults\n  mode http\n  timeout connect 2s\n  timeout client 10s\n  timeout server 10s\n" + adapted;
        Path conf = Files.writeString(dir.resolve("haproxy.cfg"), adapted);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-f", conf.toString());
        Process daemon = start(dir, "bascule", cmd);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !daemon.isAlive() || listening("127.0.0.1", port));
        assertThat(daemon.isAlive()).as(Files.readString(dir.resolve("bascule.err"))).isTrue();
        assertThat(Files.readString(dir.resolve("bascule.err"))).doesNotContain("monitor-uri ignored");
        assertThat(Files.readString(dir.resolve("bascule.err"))).doesNotContain("TCP connect").doesNotContain("agent-check");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> status(port, "/healthcheck") == 200);
        // nginx saw the checks: OPTIONS / (HAProxy's default), behind a PROXY header it accepted
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("nginxA").resolve("access.log")).contains("\"OPTIONS / HTTP/1.0\""));

        Files.writeString(dir.resolve("enabler"), "MAINT\n");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> status(port, "/healthcheck") == 503);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("/healthcheck still not 503; bascule's log:\n" + Files.readString(dir.resolve("bascule.err")), e);
        }
        assertThat(get(port)).startsWith("nginx");
        Files.writeString(dir.resolve("enabler"), "READY\n");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> status(port, "/healthcheck") == 200);

        Files.writeString(dir.resolve("agentA"), "MAINT\n");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                seen.add(get(port));
            }
            return seen.stream().allMatch(x -> x.startsWith("nginxB "));
        });
        assertThat(status(port, "/healthcheck")).isEqualTo(200);
        Files.writeString(dir.resolve("agentA"), "READY\n");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                seen.add(get(port));
            }
            return seen.stream().anyMatch(x -> x.startsWith("nginxA "));
        });
    }
}
