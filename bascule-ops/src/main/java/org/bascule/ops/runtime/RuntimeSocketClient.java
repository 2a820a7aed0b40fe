package org.bascule.ops.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Sends one command to a runtime socket and returns the reply, the way the {@code bascule} CLI
 * talks to its daemon:
 * <pre>
 *   RuntimeReply r = new RuntimeSocketClient(RuntimeSocketPath.defaultPath()).send(List.of("ipvsadm", "-Ln"));
 *   if (r.isOk()) System.out.print(r.body()); else { System.err.println(r.message()); System.exit(r.status()); }
 * </pre>
 * The whole exchange is bounded by the timeout; a reply larger than 64 MiB is refused.
 */
public final class RuntimeSocketClient {
    private static final int MAX_REPLY_BYTES = 64 << 20;

    private final Path socket;
    private final Duration timeout;

    /** A client with a 10 s timeout. */
    public RuntimeSocketClient(Path socket) {
        this(socket, Duration.ofSeconds(10));
    }

    public RuntimeSocketClient(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }

    /** Sends words as one command line; a word must be non-empty and hold no space, tab or line break. */
    public RuntimeReply send(List<String> words) throws IOException {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("words: [] (expected: a command name and its arguments)");
        }
        for (String w : words) {
            if (w.isEmpty() || w.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("word: '" + w + "' (expected: non-empty, without spaces or line breaks)");
            }
        }
        return send(String.join(" ", words));
    }

    /** Sends one command line (without its LF) and reads the reply until the server closes. */
    public RuntimeReply send(String commandLine) throws IOException {
        if (commandLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("commandLine: contains a line break (expected: one line)");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            ByteBuffer request = ByteBuffer.wrap((commandLine + "\n").getBytes(StandardCharsets.UTF_8));
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (request.hasRemaining()) {
                await(selector, deadline);
                channel.write(request);
            }
            channel.shutdownOutput();
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16384);
            while (true) {
                int n = channel.read(buffer.clear());
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    await(selector, deadline);
                    continue;
                }
                reply.write(buffer.array(), 0, n);
                if (reply.size() > MAX_REPLY_BYTES) {
                    throw new IOException("reply from " + socket + " exceeds " + MAX_REPLY_BYTES + " bytes");
                }
            }
            try {
                return RuntimeReply.parse(reply.toString(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed reply from " + socket + ": " + e.getMessage(), e);
            }
        }
    }

    private void await(Selector selector, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new SocketTimeoutException("no reply from " + socket + " within " + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }
}
