package org.bascule.os;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves the calling platform thread into a named network namespace ({@code ip netns add NAME},
 * i.e. {@code /var/run/netns/NAME}) with setns(2). Sockets and netlink handles opened while
 * inside belong to that namespace for their whole life, whichever thread uses them later, so
 * the usual pattern is: enter, open what you need, leave.
 *
 * <pre>{@code
 * RawSocket s = NetworkNamespace.call("bos-a", () -> RawSocket.open(IpFamily.INET, IpProtocol.VRRP));
 * }</pre>
 *
 * <p>Why a platform thread: a namespace belongs to a kernel thread, and a virtual thread may
 * change carrier at any blocking point; {@link #enter} refuses virtual threads. Threads the
 * kernel creates from a thread inside a namespace start inside it too, and that includes JDK
 * pool threads (a ForkJoinPool worker, a virtual thread's carrier) that happen to be started
 * from there: do only socket set-up while inside, which {@link #call} makes easy.
 */
public final class NetworkNamespace {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final Path NETNS_DIR = Path.of("/var/run/netns");

    private NetworkNamespace() {
    }

    /** Where {@code ip netns} keeps the namespace called {@code name}. */
    public static Path path(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("network namespace: '" + name + "' (expected: a name made by ip netns add)");
        }
        return NETNS_DIR.resolve(name);
    }

    /** Whether {@code ip netns add name} exists. */
    public static boolean exists(String name) {
        return path(name).toFile().exists();
    }

    /**
     * Moves the calling platform thread into namespace {@code name}. Closing the returned
     * handle moves it back to the namespace it was in.
     */
    public static Entered enter(String name) throws OsException {
        return enter(path(name));
    }

    /** As {@link #enter(String)}, for any namespace file ({@code /proc/PID/ns/net}). */
    public static Entered enter(Path namespaceFile) throws OsException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns on a virtual thread (expected: a platform thread; a virtual thread"
                    + " may move to another carrier thread and leave the namespace behind)");
        }
        int previous = Libc.open("/proc/thread-self/ns/net", O_RDONLY_CLOEXEC);
        try {
            int target = Libc.open(namespaceFile.toString(), O_RDONLY_CLOEXEC);
            try {
                Libc.setns(target, CLONE_NEWNET, namespaceFile.toString());
            } finally {
                Libc.close(target);
            }
        } catch (OsException e) {
            Libc.close(previous);
            throw e;
        }
        return new Entered(previous, Thread.currentThread());
    }

    /**
     * Runs {@code task} on a new platform thread inside namespace {@code name} and returns its
     * result; the caller's own thread never changes namespace. Exceptions of the task are
     * rethrown as they are.
     */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        Objects.requireNonNull(task, "task");
        Path file = path(name);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns-" + name).unstarted(() -> {
            try (Entered ignored = enter(file)) {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /**
     * Starts a platform thread that enters namespace {@code name} and then runs {@code body}
     * (a VRRP node of a test, a long-lived reader): everything it opens lives there. A failure
     * to enter ends the thread with an {@link IllegalStateException} before {@code body} runs.
     */
    public static Thread start(String name, String threadName, Runnable body) {
        Objects.requireNonNull(body, "body");
        Path file = path(name);
        return Thread.ofPlatform().name(threadName).start(() -> {
            try (Entered ignored = enter(file)) {
                body.run();
            } catch (OsException e) {
                throw new IllegalStateException("entering network namespace " + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** A thread inside a namespace; {@link #close} takes it back to where it was. */
    public static final class Entered implements AutoCloseable {

        private final int previous;
        private final Thread owner;
        private boolean closed;

        private Entered(int previous, Thread owner) {
            this.previous = previous;
            this.owner = owner;
        }

        @Override
        public void close() throws OsException {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("leaving a network namespace from thread " + Thread.currentThread().getName()
                        + " (expected: the thread that entered it, " + owner.getName() + ")");
            }
            closed = true;
            try {
                Libc.setns(previous, CLONE_NEWNET, "back to the previous namespace");
            } finally {
                Libc.close(previous);
            }
        }
    }
}
