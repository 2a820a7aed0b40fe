package org.bascule.ops.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime socket's server: a Unix domain socket (mode 0600, directory 0700 when created) that
 * takes one command line per connection and answers as the package documentation describes.
 * Each connection runs on a virtual thread; a watchdog thread enforces the read and write
 * deadlines of {@link RuntimeSocketLimits}.
 *
 * <pre>
 *   var server = new RuntimeSocketServer(RuntimeSocketPath.defaultPath(),
 *           List.of(IpvsadmRuntimeCommand.of(new Ipvsadm(l4, NameResolver.system()))));
 *   server.start();   // throws RuntimeSocketException if another daemon holds the path
 *   ...
 *   server.close();   // removes the socket file
 * </pre>
 */
public final class RuntimeSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeSocketServer.class);
    private static final int BACKLOG = 64;
    /** Bytes a closing connection still reads and drops, so the kernel does not reset the client before it reads the reply. */
    private static final int DRAIN_LIMIT = 1 << 20;

    private final Path path;
    private final RuntimeDispatcher dispatcher;
    private final RuntimeSocketLimits limits;
    private final Semaphore slots;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final LongAdder connections = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final LongAdder unknownCommands = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();

    private volatile ServerSocketChannel listener;
    private volatile Object socketFileKey;
    private volatile Thread acceptor;
    private volatile ScheduledExecutorService watchdog;

    /** A server with {@link RuntimeSocketLimits#DEFAULTS}. */
    public RuntimeSocketServer(Path path, List<RuntimeCommand> commands) {
        this(path, commands, RuntimeSocketLimits.DEFAULTS);
    }

    /** {@code help} is added to {@code commands}; a name registered twice is refused. */
    public RuntimeSocketServer(Path path, List<RuntimeCommand> commands, RuntimeSocketLimits limits) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
        this.dispatcher = new RuntimeDispatcher(List.copyOf(commands));
        this.limits = Objects.requireNonNull(limits, "limits");
        this.slots = new Semaphore(limits.maxConnections());
    }

    /**
     * Binds the socket and starts serving. Throws {@link RuntimeSocketException} when another
     * daemon answers on the path, when the directory belongs to another user, or when the path is
     * taken by something that is not a socket.
     */
    public void start() throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("runtime socket " + path + " already started");
        }
        listener = SocketFile.bind(path, BACKLOG);
        socketFileKey = SocketFile.fileKey(path);
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("bascule-runtime-watchdog").daemon(true).factory());
        ThreadFactory connectionThreads = Thread.ofVirtual().name("bascule-runtime-", 0).factory();
        acceptor = Thread.ofVirtual().name("bascule-runtime-accept").start(() -> acceptLoop(connectionThreads));
        LOG.info("runtime socket listening on {}", path);
    }

    /** The socket's absolute path. */
    public Path path() {
        return path;
    }

    public RuntimeSocketCounters counters() {
        return new RuntimeSocketCounters(connections.sum(), commands.sum(), unknownCommands.sum(),
                badRequests.sum(), timeouts.sum(), abandoned.sum(), handlerFailures.sum(), refused.sum(),
                ioErrors.sum());
    }

    /** Stops accepting, drops open connections and removes the socket file if it is still the one bound. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || listener == null) {
            return;
        }
        closeQuietly(listener);
        open.forEach(RuntimeSocketServer::closeQuietly);
        watchdog.shutdownNow();
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Another daemon may have replaced a file we thought stale; delete only our own.
        Object key = SocketFile.fileKey(path);
        if (key != null && key.equals(socketFileKey)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("cannot remove runtime socket {}: {}", path, e.toString());
            }
        }
        LOG.info("runtime socket {} closed", path);
    }

    private void acceptLoop(ThreadFactory connectionThreads) {
        while (!closed.get()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // EMFILE and the like: keep the socket, try again shortly rather than spin.
                LOG.warn("runtime socket {}: accept failed: {}", path, e.toString());
                sleepQuietly(Duration.ofMillis(100));
                continue;
            }
            connections.increment();
            if (!slots.tryAcquire()) {
                refused.increment();
                refuse(channel);
                continue;
            }
            open.add(channel);
            connectionThreads.newThread(() -> {
                try {
                    serve(channel);
                } finally {
                    open.remove(channel);
                    closeQuietly(channel);
                    slots.release();
                }
            }).start();
        }
    }

    private void serve(SocketChannel channel) {
        try {
            RuntimeReply reply = answer(channel);
            if (reply != null) {
                ScheduledFuture<?> writeDeadline = watchdog.schedule(() -> closeQuietly(channel),
                        limits.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
                try {
                    writeFully(channel, reply.format());
                    drain(channel);
                } finally {
                    writeDeadline.cancel(false);
                }
            }
        } catch (IOException e) {
            ioErrors.increment();
            LOG.debug("runtime socket {}: connection lost: {}", path, e.toString());
        } catch (RuntimeException e) {
            // A bug of ours must not end the server either.
            ioErrors.increment();
            LOG.warn("runtime socket {}: connection failed", path, e);
        }
    }

    /** Reads the request within the read deadline and works out the reply; null when there is no one to answer. */
    private RuntimeReply answer(SocketChannel channel) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        // Shutting the input down wakes the blocked read with end-of-stream, and leaves the
        // output open so the client still learns why it was cut off.
        ScheduledFuture<?> readDeadline = watchdog.schedule(() -> {
            timedOut.set(true);
            shutdownInputQuietly(channel);
        }, limits.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        CommandLineReader.Request request;
        try {
            request = CommandLineReader.read(channel, limits.maxLineBytes());
        } finally {
            readDeadline.cancel(false);
        }
        // A line that was whole when the deadline fired is still served; only a cut-off one is a timeout.
        boolean whole = request instanceof CommandLineReader.Request.Line(var _, boolean complete) && complete;
        if (timedOut.get() && !whole) {
            timeouts.increment();
            return RuntimeReply.error(RuntimeReply.USAGE, "no command line within " + limits.readTimeout().toMillis()
                    + " ms (expected: a command ending in LF)");
        }
        return switch (request) {
            case CommandLineReader.Request.Line(String text, var _) -> {
                RuntimeDispatcher.Dispatch d = dispatcher.dispatch(text);
                switch (d.kind()) {
                    case COMMAND -> commands.increment();
                    case UNKNOWN_COMMAND -> unknownCommands.increment();
                    case EMPTY -> badRequests.increment();
                    case HANDLER_FAILED -> handlerFailures.increment();
                }
                yield d.reply();
            }
            case CommandLineReader.Request.TooLong(int limit) -> {
                badRequests.increment();
                yield RuntimeReply.error(RuntimeReply.USAGE,
                        "command line too long (expected: at most " + limit + " bytes ending in LF)");
            }
            case CommandLineReader.Request.NotUtf8() -> {
                badRequests.increment();
                yield RuntimeReply.error(RuntimeReply.USAGE, "command line is not UTF-8 (expected: UTF-8 text ending in LF)");
            }
            case CommandLineReader.Request.Closed() -> {
                abandoned.increment();
                yield null;
            }
        };
    }

    private static void writeFully(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * Reads and drops what the client sent beyond its line. Closing a Unix socket with unread
     * data makes the kernel report ECONNRESET to the peer, which could then lose the reply.
     */
    private static void drain(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer sink = ByteBuffer.allocate(8192);
        int total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = channel.read(sink.clear())) > 0) {
            total += n;
        }
    }

    /** Over the connection limit: say so without blocking the accept loop, and close. */
    private void refuse(SocketChannel channel) {
        try (channel) {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(RuntimeReply.error(RuntimeReply.USAGE, "too many connections (expected: at most "
                    + limits.maxConnections() + " at once)").format().getBytes(StandardCharsets.UTF_8)));
            drain(channel);
        } catch (IOException e) {
            LOG.debug("runtime socket {}: refusing a connection: {}", path, e.toString());
        }
    }

    private static void shutdownInputQuietly(SocketChannel channel) {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            // Already closed: the reader is awake anyway.
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is best effort; nothing is left to tell the client.
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
