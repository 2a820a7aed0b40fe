package org.bascule.l4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A test client of the virtual service: one real TCP connection, reads with a timeout. */
final class TcpClient implements AutoCloseable {

    static final int TIMEOUT_MS = 5_000;

    private final Socket socket = new Socket();
    private final String server;

    TcpClient(InetSocketAddress vip) throws IOException {
        socket.setSoTimeout(TIMEOUT_MS);
        socket.connect(vip, TIMEOUT_MS);
        server = readLine();
    }

    /** Connects, learns which real server answered, checks one echo, closes. */
    static String exchange(InetSocketAddress vip) throws IOException {
        try (TcpClient c = new TcpClient(vip)) {
            c.echo("ping");
            return c.server();
        }
    }

    /** The name of the real server this connection reached. */
    String server() {
        return server;
    }

    /** Sends a line and expects it back. */
    void echo(String line) throws IOException {
        send((line + "\n").getBytes(StandardCharsets.US_ASCII));
        String back = readLine();
        if (!back.equals(line)) {
            throw new IOException("echo: '" + back + "' (expected: '" + line + "')");
        }
    }

    void send(byte[] data) throws IOException {
        socket.getOutputStream().write(data);
        socket.getOutputStream().flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Everything until the other side closes. */
    byte[] readToEnd() throws IOException {
        return socket.getInputStream().readAllBytes();
    }

    InputStream in() throws IOException {
        return socket.getInputStream();
    }

    /** True when the peer closed the connection (EOF), false when it is still open after {@code millis}. */
    boolean closedByPeerWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } finally {
            socket.setSoTimeout(TIMEOUT_MS);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed after '" + line + "' " + Arrays.toString(line.toByteArray()));
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
