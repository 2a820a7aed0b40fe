package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.ServerTls;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server … ssl} (ServerConnector's TLS client): to nginx over TLS, with and without {@code verify required}. */
class ServerTlsTest {

    @TempDir
    Path dir;

    @Test
    void requestsReachATlsServerWithVerifyNoneAndWithItsCa() throws Exception {
        Nginx.assumeInstalled();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        Path key = dir.resolve("s.key");
        Path crt = dir.resolve("s.crt");
        Process gen = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=s.example.org",
                "-addext", "subjectAltName=DNS:s.example.org").redirectErrorStream(true).start();
        String out = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gen.waitFor(30, TimeUnit.SECONDS) && gen.exitValue() == 0).as(out).isTrue();
        int port = Nginx.freePort("127.0.0.1");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                user root;
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %3$s;
                        ssl_certificate_key %4$s;
                        location / { default_type text/plain; return 200 "tls=$ssl_protocol sni=$ssl_server_name\\n"; }
                    }
                }
                """.formatted(dir, port, crt, key));
        Process nginx = new ProcessBuilder(Nginx.BINARY.toString(), "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try (HealthMonitor health = new HealthMonitor()) {
            Awaitility.await("nginx on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!nginx.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
                }
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            assertThat(get(health, server, ServerTls.verifyNone())).startsWith("tls=TLS");
            ServerTls verified = new ServerTls(true, Optional.of(crt), Optional.of("s.example.org"));
            assertThat(get(health, server, verified)).startsWith("tls=TLS").contains("sni=s.example.org");
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String get(HealthMonitor health, InetSocketAddress server, ServerTls tls) throws Exception {
        ServerSpec s = ServerSpec.of("s", server);
        s = new ServerSpec(s.name(), s.address(), s.weight(), s.backup(), s.check(), s.checkPort(), s.inter(), s.rise(), s.fall(),
                s.sendProxy(), s.agent(), Optional.of(tls), s.disabled(), s.maxconn());
        BackendSpec bk = BackendSpec.of("web", List.of(s));
        FrontendSpec fe = FrontendSpec.of("www", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "web");
        try (L7Proxy proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(fe), List.of(bk)), health)) {
            RawHttp.Response r = RawHttp.get(proxy.boundAddresses("www").getFirst(), "t", "/");
            assertThat(r.status()).as(r.head()).isEqualTo(200);
            return r.body();
        }
    }
}
