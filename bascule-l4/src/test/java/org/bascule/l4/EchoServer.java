package org.bascule.l4;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny real server on 127.0.0.1: greets each connection with its name and a newline, then
 * echoes every byte until the client's FIN, then closes. Counts what it accepted.
 */
final class EchoServer implements AutoCloseable {

    private final String name;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    EchoServer(String name) throws IOException {
        this(name, 0);
    }

    EchoServer(String name, int port) throws IOException {
        this.name = name;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        Thread.ofVirtual().name("echo " + name).start(this::acceptLoop);
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    int accepted() {
        return accepted.get();
    }

    int open() {
        return open.size();
    }

    /** The server dies: stops listening (new connects are refused) and drops its connections. */
    void kill() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        kill();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                accepted.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // client reset or server killed
        } finally {
            open.remove(s);
        }
    }
}
