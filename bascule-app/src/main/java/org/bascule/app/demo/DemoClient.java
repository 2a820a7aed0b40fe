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
        return get("/");
    }

    /** The body of a 200 answer to {@code path}, or empty when the request failed. */
    Optional<String> get(String path) {
        return request(path).filter(r -> r.status() == 200).map(Reply::body);
    }

    /** An HTTP answer: its status code and its body. */
    record Reply(int status, String body) {}

    /** The answer to {@code GET path}, or empty when the connection or the exchange failed. */
    Optional<Reply> request(String path) {
        try (Socket s = new Socket()) {
            s.connect(vip, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: demo\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int body = reply.indexOf("\r\n\r\n");
            if (!reply.startsWith("HTTP/1.") || reply.length() < 12 || body < 0) {
                return Optional.empty();
            }
            return Optional.of(new Reply(Integer.parseInt(reply.substring(9, 12)), reply.substring(body + 4).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
