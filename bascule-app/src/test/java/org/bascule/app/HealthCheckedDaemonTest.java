package org.bascule.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.app.keepalived.VirtualServerMapping;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;
import org.bascule.l4.L4Options;
import org.bascule.l4.table.DestinationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keepalived.conf with HTTP_GET and MISC_CHECK, run by the daemon in this JVM against real
 * web servers on 127.0.0.1: the table follows the status the servers answer and the weight the
 * script exits with.
 */
class HealthCheckedDaemonTest {

    @TempDir
    Path dir;

    private final Map<Integer, Integer> status = new ConcurrentHashMap<>();
    private HttpServer web1;
    private HttpServer web2;

    @AfterEach
    void stop() {
        if (web1 != null) {
            web1.stop(0);
        }
        if (web2 != null) {
            web2.stop(0);
        }
    }

    @Test
    void httpGetAndMiscCheckDriveTheTable() throws Exception {
        web1 = web();
        web2 = web();
        Path weight = dir.resolve("weight");
        Files.writeString(weight, "7");
        int vipPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            vipPort = probe.getLocalPort();
        }
        String conf = """
                virtual_server 127.0.0.1 %d {
                    delay_loop 0.2
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 %d {
                        weight 3
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200
                            }
                            connect_timeout 1
                            retry 0
                            warmup 0
                        }
                    }
                    real_server 127.0.0.1 %d {
                        weight 1
                        MISC_CHECK {
                            misc_path "exit $(cat %s)"
                            misc_dynamic
                            misc_timeout 2
                            warmup 0
                        }
                    }
                }
                """.formatted(vipPort, port(web1), port(web2), weight);
        ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse("health.conf", conf);
        assertThat(parsed.errors()).as(parsed.formatDiagnostics()).isEmpty();
        L4Plan plan = VirtualServerMapping.plan(parsed.config());
        assertThat(plan.notes()).isEmpty();
        try (Daemon daemon = Daemon.start(plan, L4Options.defaults().withIoThreads(1), dir.resolve("bascule.sock"))) {
            // misc_dynamic: exit 7 is weight 5
            await().atMost(Duration.ofSeconds(15)).until(() -> table(daemon).equals(Map.of(port(web1), 3, port(web2), 5)));
            status.put(port(web1), 500);
            await().atMost(Duration.ofSeconds(15)).until(() -> table(daemon).equals(Map.of(port(web2), 5)));
            status.put(port(web1), 200);
            Files.writeString(weight, "1");
            await().atMost(Duration.ofSeconds(15)).until(() -> table(daemon).equals(Map.of(port(web1), 3)));
        }
    }

    private static Map<Integer, Integer> table(Daemon daemon) {
        Map<Integer, Integer> t = new java.util.HashMap<>();
        for (DestinationView d : daemon.tier().snapshot().services().getFirst().destinations()) {
            t.put(d.address().getPort(), d.weight());
        }
        return t;
    }

    private HttpServer web() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        s.createContext("/", ex -> {
            try (ex) {
                byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status.getOrDefault(ex.getLocalAddress().getPort(), 200), body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        s.start();
        return s;
    }

    private static int port(HttpServer s) {
        return s.getAddress().getPort();
    }
}
