package org.bascule.l7;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stats socket <path>}: a unix socket speaking the {@link RuntimeApi}, HAProxy's
 * non-interactive mode: a client sends one line (commands separated by {@code ;}), reads the
 * answer, and the connection closes. Local only by construction (R-Q4). Each connection is
 * served on a virtual thread; commands are short and never touch the event loops.
 *
 * <p>The accept loop runs on a platform thread, and {@link #close()} waits for it to end. On JDK 25
 * a {@code close()} of a channel whose {@code accept()} is parked on a virtual thread only marks it
 * closing: the descriptor is released when that virtual thread gets to run again, so the socket
 * could still accept connections after {@code close()} returned (measured: {@code /proc/net/unix}
 * still listed the listener). A platform thread blocked in {@code accept(2)} is signalled out of
 * the system call at once, and joining it guarantees the descriptor is gone before the file is
 * removed. HAProxy 2.6 leaves the dead socket file behind on exit (it replaces it at the next
 * start); Bascule removes it, so a stale file never suggests a running process.
 */
final class StatsSocket implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatsSocket.class);
    private static final int MAX_LINE = 16 * 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile boolean closed;

    private StatsSocket(Path path, ServerSocketChannel server, RuntimeApi api) {
        this.path = path;
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("bascule-l7-stats " + path.getFileName()).daemon()
                .start(() -> acceptLoop(api));
    }

    static StatsSocket open(Path path, RuntimeApi api) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path));
        return new StatsSocket(path, s, api);
    }

    private void acceptLoop(RuntimeApi api) {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofVirtual().start(() -> serve(c, api));
            } catch (IOException e) {
                if (!closed) {
                    log.warn("stats socket {}: {}", path, e.toString());
                }
                return;
            }
        }
    }

    private static void serve(SocketChannel c, RuntimeApi api) {
        try (c) {
            ByteBuffer in = ByteBuffer.allocate(MAX_LINE);
            while (in.hasRemaining()) {
                int n = c.read(in);
                if (n < 0 || hasNewline(in)) {
                    break;
                }
            }
            String line = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            int nl = line.indexOf('\n');
            String cmd = (nl >= 0 ? line.substring(0, nl) : line).replace("\r", "");
            ByteBuffer out = ByteBuffer.wrap(api.execute(cmd).getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                c.write(out);
            }
        } catch (IOException e) {
            log.debug("stats socket client: {}", e.toString());
        }
    }

    private static boolean hasNewline(ByteBuffer b) {
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops listening: closes the channel, waits (up to 5 s) for the accept loop to leave
     * {@code accept()} so the descriptor is really released, then removes the socket file.
     * Connections being served finish on their own threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("stats socket {}: {}", path, e.toString());
        }
        try {
            if (!acceptor.join(Duration.ofSeconds(5))) {
                log.warn("stats socket {}: accept loop did not stop within 5 s", path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("stats socket {}: cannot remove the socket file: {}", path, e.toString());
        }
    }
}
