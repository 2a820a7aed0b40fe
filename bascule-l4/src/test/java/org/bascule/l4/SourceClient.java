package org.bascule.l4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client of the virtual service from a chosen loopback source address (127.0.0.0/8 is all
 * local on Linux), so source-hashing schedulers and persistence see distinct clients.
 */
final class SourceClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final String server;

    SourceClient(InetSocketAddress vip, String sourceIp) throws IOException {
        socket.setSoTimeout(TcpClient.TIMEOUT_MS);
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
        socket.connect(vip, TcpClient.TIMEOUT_MS);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        server = in.readLine();
        if (server == null) {
            throw new IOException("closed before the real server greeted");
        }
    }

    /** Connects from {@code sourceIp}, exchanges one line, closes; returns the real server's name. */
    static String exchange(InetSocketAddress vip, String sourceIp) throws IOException {
        try (SourceClient c = new SourceClient(vip, sourceIp)) {
            c.request("ping");
            return c.server();
        }
    }

    String server() {
        return server;
    }

    /** Sends a line and returns the answer line. */
    String request(String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String back = in.readLine();
        if (back == null) {
            throw new IOException("closed by the server after '" + line + "'");
        }
        return back;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
