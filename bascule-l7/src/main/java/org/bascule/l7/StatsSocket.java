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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stats socket <path>}: a unix socket speaking the {@link RuntimeApi}, HAProxy's
 * non-interactive mode: a client sends one line (commands separated by {@code ;}), reads the
 * answer, and the connection closes. Local only by construction (R-Q4). Each connection is
 * served on a virtual thread; commands are short and never touch the event loops.
 */
final class StatsSocket implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatsSocket.class);
    private static final int MAX_LINE = 16 * 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private StatsSocket(Path path, ServerSocketChannel server, RuntimeApi api) {
        this.path = path;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("bascule-l7-stats").start(() -> acceptLoop(api));
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
                if (server.isOpen()) {
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

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("stats socket {}: {}", path, e.toString());
        }
        acceptor.interrupt();
    }
}
