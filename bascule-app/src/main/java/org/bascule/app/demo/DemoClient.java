package org.bascule.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The demo's client: one HTTP/1.0 request per TCP connection, so that every request is a new
 * connection the L4 tier schedules (as a browser without keep-alive would).
 */
final class DemoClient {
    private static final int TIMEOUT_MS = 3_000;

    private final InetSocketAddress vip;

    DemoClient(InetSocketAddress vip) {
        this.vip = vip;
    }

    /** The name of the server that answered, or empty when the request failed. */
    Optional<String> get() {
        try (Socket s = new Socket()) {
            s.connect(vip, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: demo\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!reply.startsWith("HTTP/1.1 200") && !reply.startsWith("HTTP/1.0 200")) {
                return Optional.empty();
            }
            int body = reply.indexOf("\r\n\r\n");
            return body < 0 ? Optional.empty() : Optional.of(reply.substring(body + 4).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
