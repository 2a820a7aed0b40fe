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
    private final Thread acceptor;

    EchoServer(String name) throws IOException {
        this(name, 0);
    }

    EchoServer(String name, int port) throws IOException {
        this.name = name;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        acceptor = Thread.ofVirtual().name("echo " + name).start(this::acceptLoop);
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

    /**
     * The server dies: stops listening (new connects are refused) and drops its connections.
     *
     * <p>Returns only once the acceptor thread has ended. Closing a ServerSocket that a virtual
     * thread is blocked accepting on does not close the descriptor (the JDK's NativeDispatcher
     * only dup2()s it away for platform threads): it stays listening until that thread is
     * scheduled again, and its first act then is one more accept(2). On a loaded machine a
     * connect made after {@code listener.close()} returned was thus still accepted and greeted
     * with this server's name. Joining the acceptor makes the refusal immediate; the sockets it
     * accepted late are closed with the rest.
     */
    void kill() throws IOException {
        listener.close();
        try {
            if (!acceptor.join(java.time.Duration.ofSeconds(10))) {
                throw new IOException("echo server " + name + ": acceptor still running 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping echo server " + name, e);
        }
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
