package org.bascule.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.app.CheckCommandTest.bascule;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code bascule genhash} against a real HTTP server on 127.0.0.1, and beside keepalived's own genhash. */
class GenhashCommandTest {

    private static final String PAGE = "<html>OK: database reachable</html>\n";

    private HttpServer web;
    private final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        web.createContext("/", ex -> {
            try (ex) {
                hosts.add(ex.getRequestHeaders().getFirst("Host"));
                byte[] body = ex.getRequestURI().getPath().equals("/test_vie.php") ? PAGE.getBytes(StandardCharsets.UTF_8)
                        : "nope\n".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/test_vie.php") ? 200 : 404, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        web.start();
    }

    @AfterEach
    void stop() {
        web.stop(0);
    }

    @Test
    void printsTheMd5OfTheBodyAsTheTutorialShows() throws Exception {
        var o = bascule("genhash", "-s", "127.0.0.1", "-p", port(), "-u", "/test_vie.php");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).isEqualTo("MD5SUM = " + md5(PAGE) + "\n");
        assertThat(hosts).containsExactly("127.0.0.1:" + port());
    }

    @Test
    void virtualhostSetsTheHostHeader() {
        var o = bascule("genhash", "-s", "127.0.0.1", "-p", port(), "-u", "/test_vie.php", "-V", "supervision.fr.local");
        assertThat(o.exit()).isZero();
        assertThat(hosts).containsExactly("supervision.fr.local");
    }

    @Test
    void sameDigestAsKeepalivedsGenhash() throws Exception {
        Path genhash = Path.of("/usr/bin/genhash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(genhash), "keepalived's genhash is not installed");
        for (String path : new String[] {"/test_vie.php", "/missing"}) {
            Process p = new ProcessBuilder(genhash.toString(), "-s", "127.0.0.1", "-p", port(), "-u", path)
                    .redirectErrorStream(true).start();
            String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            var ours = bascule("genhash", "-s", "127.0.0.1", "-p", port(), "-u", path);
            // keepalived 2.2 prints the bare digest; the tutorial's genhash (and ours) prefixes "MD5SUM = "
            assertThat(ours.out().strip()).isEqualTo("MD5SUM = " + theirs);
        }
    }

    @Test
    void aDeadServerIsAnErrorOnStderr() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        var o = bascule("genhash", "-s", "127.0.0.1", "-p", Integer.toString(dead), "-u", "/");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).startsWith("genhash: L4CON (Layer4 connection problem): Connection refused");
    }

    @Test
    void aNameInsteadOfAnAddressIsRefused() {
        var o = bascule("genhash", "-s", "localhost", "-p", port(), "-u", "/");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("genhash: server should be an IP, not localhost\n");
    }

    private String port() {
        return Integer.toString(web.getAddress().getPort());
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
