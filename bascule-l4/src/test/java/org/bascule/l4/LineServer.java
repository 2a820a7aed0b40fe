package org.bascule.l4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on 127.0.0.1 with a service time: greets each connection with its name, then
 * answers each line after {@code delay} (a slow server), or, when {@code broken}, answers
 * "ERR" at once and closes (the broken server that "answers fast", SPEC R-S2).
 */
final class LineServer implements AutoCloseable {

    private final String name;
    private final Duration delay;
    private final boolean broken;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    LineServer(String name, Duration delay, boolean broken) throws IOException {
        this.name = name;
        this.delay = delay;
        this.broken = broken;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        Thread.ofVirtual().name("line " + name).start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    int accepted() {
        return accepted.get();
    }

    /** Most connections open at once. */
    int peak() {
        return peak.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                accepted.incrementAndGet();
                open.add(s);
                peak.accumulateAndGet(open.size(), Math::max);
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
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (broken) {
                    out.write("ERR\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                Thread.sleep(delay);
                out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // client reset or server closed
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
