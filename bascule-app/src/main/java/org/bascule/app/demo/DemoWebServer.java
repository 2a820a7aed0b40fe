package org.bascule.app.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny web server of the demo: answers every request with its own name, so the client
 * can tell which real server the balancer chose. Stopping it closes its port for real, the
 * way a crashed server does.
 */
final class DemoWebServer implements AutoCloseable {
    /** The header the demo's L7 nodes set to their own name. */
    static final String VIA_HEADER = "X-Bascule-L7";
    /** How long a request for {@code /slow} takes. */
    static final java.time.Duration SLOW = java.time.Duration.ofMillis(1_500);

    private final String name;
    private InetSocketAddress address;
    private HttpServer server;

    private DemoWebServer(String name) {
        this.name = name;
    }

    /** Starts {@code name} on an ephemeral loopback port. */
    static DemoWebServer start(String name) throws IOException {
        DemoWebServer s = new DemoWebServer(name);
        s.server = s.listen(new InetSocketAddress("127.0.0.1", 0));
        s.address = s.server.getAddress();
        return s;
    }

    private HttpServer listen(InetSocketAddress at) throws IOException {
        HttpServer http = HttpServer.create(at, 64);
        http.createContext("/", exchange -> {
            // /slow stands for a long request (an upload, a report): it is in flight for a while,
            // so a drain can be seen letting it finish.
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    Thread.sleep(SLOW);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // The L7 node names itself in a header (http-request set-header), so the answer shows the route.
            String via = exchange.getRequestHeaders().getFirst(VIA_HEADER);
            byte[] body = (name + (via == null ? "" : " via " + via) + "\n").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return http;
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return address;
    }

    int port() {
        return address.getPort();
    }

    /** Stops answering and closes the port at once, as a crash would. */
    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        if (server == null) {
            server = listen(address);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
