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
        byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        http.createContext("/", exchange -> {
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
