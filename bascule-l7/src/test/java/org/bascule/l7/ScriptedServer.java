package org.bascule.l7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that answers each request path with exact bytes, for the responses a real server
 * will not send on demand (malformed framing, close-delimited bodies, interim responses,
 * leftovers after a response). Keeps each connection open unless its script says to close.
 */
final class ScriptedServer implements AutoCloseable {

    /** The bytes to send for a path, whether to close the connection after them (waiting {@code closeDelayMillis} first), and how long to wait before. */
    record Script(String bytes, boolean closeAfter, long delayMillis, long closeDelayMillis) {
        Script(String bytes, boolean closeAfter, long delayMillis) {
            this(bytes, closeAfter, delayMillis, 0);
        }
    }

    private final ServerSocket socket;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final AtomicInteger connections = new AtomicInteger();
    /** Connections the proxy closed (end of stream or reset where a request could start). */
    final AtomicInteger closedByPeer = new AtomicInteger();
    /** Of those, the ones closed by a reset (no TIME_WAIT left on the proxy's side). */
    final AtomicInteger resetByPeer = new AtomicInteger();
    /** Every request head received, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    void on(String path, String bytes, boolean closeAfter) {
        scripts.put(path, new Script(bytes, closeAfter, 0));
    }

    /** Answers, then closes the connection {@code closeDelayMillis} later, as a server's keep-alive timeout does. */
    void onThenCloseLater(String path, String bytes, long closeDelayMillis) {
        scripts.put(path, new Script(bytes, true, 0, closeDelayMillis));
    }

    void onSlowly(String path, String bytes, long delayMillis) {
        scripts.put(path, new Script(bytes, false, delayMillis));
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head;
                try {
                    head = readHead(in);
                } catch (java.net.SocketException e) {
                    // A reset: how the proxy drops a connection it no longer needs (ServerConnector.reset).
                    resetByPeer.incrementAndGet();
                    head = null;
                }
                if (head == null) {
                    closedByPeer.incrementAndGet();
                    return;
                }
                requests.add(head);
                String path = head.split(" ", 3)[1];
                Script script = scripts.getOrDefault(path, new Script("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", false, 0));
                if (script.delayMillis() > 0) {
                    try {
                        Thread.sleep(script.delayMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                out.write(script.bytes().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (script.closeAfter()) {
                    if (script.closeDelayMillis() > 0) {
                        try {
                            Thread.sleep(script.closeDelayMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // The proxy closed the connection: nothing to do.
        }
    }

    /** A request head (the proxy sends bodyless GET/HEAD here), or null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : c == '\r' ? 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
