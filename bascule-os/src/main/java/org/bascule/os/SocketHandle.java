package org.bascule.os;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A socket descriptor that one thread may close while another waits on it. Waits poll the
 * socket together with an eventfd that {@link #close} signals, so a reader blocked in
 * {@link #awaitReadable} returns at once instead of at its timeout; the descriptor is released
 * only after every call in flight has left, so a number the kernel reuses for another file is
 * never read by mistake.
 */
final class SocketHandle implements AutoCloseable {

    private static final short POLLIN = 0x1;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;

    private final int fd;
    private final int wakeFd;
    private final String what;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private SocketHandle(int fd, int wakeFd, String what) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.what = what;
    }

    /** socket(2) with SOCK_CLOEXEC | SOCK_NONBLOCK: reads wait in poll, never in recv. */
    static SocketHandle open(int domain, int type, int protocol, String what) throws OsException {
        int fd = Libc.socket(domain, type | 0x80000 | 0x800, protocol);
        try {
            return new SocketHandle(fd, Libc.eventfd(EFD_CLOEXEC | EFD_NONBLOCK), what);
        } catch (OsException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** A kernel call on the descriptor, kept from racing with close. */
    interface Call<T> {
        T run(int fd) throws OsException;
    }

    <T> T call(Call<T> call) throws OsException {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new OsException(what, 9, "socket closed");
            }
            return call.run(fd);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Waits until the socket is readable or {@code timeout} passes. Returns false on timeout,
     * on interrupt (the flag is kept) or when the socket was closed meanwhile. Must be called
     * inside {@link #call}.
     *
     * <p>A platform thread waits in {@code poll(2)}. A virtual thread must not: a native call
     * pins its carrier, and with one carrier per core a few checks waiting seconds for an
     * echo reply would stall every other virtual thread. It polls without waiting and sleeps
     * between tries instead (1 ms growing to 10 ms), which unmounts it.
     */
    boolean awaitReadable(Duration timeout) throws OsException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        boolean virtual = Thread.currentThread().isVirtual();
        long pauseMillis = 1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(16, 4);
            while (!closed) {
                long left = deadline - System.nanoTime();
                int millis = virtual ? 0 : (int) Math.clamp((left + 999_999) / 1_000_000, 0, Integer.MAX_VALUE);
                fds.set(JAVA_INT, 0, fd);
                fds.set(JAVA_SHORT, 4, POLLIN);
                fds.set(JAVA_SHORT, 6, (short) 0);
                fds.set(JAVA_INT, 8, wakeFd);
                fds.set(JAVA_SHORT, 12, POLLIN);
                fds.set(JAVA_SHORT, 14, (short) 0);
                int ready = Libc.poll(fds, 2, millis);
                if (closed || fds.get(JAVA_SHORT, 14) != 0) {
                    return false;
                }
                if (ready > 0 && fds.get(JAVA_SHORT, 6) != 0) {
                    return true;
                }
                left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (virtual) {
                    try {
                        Thread.sleep(Math.min(pauseMillis, Math.max(1, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    pauseMillis = Math.min(pauseMillis * 2, 10);
                }
            }
            return false;
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.signal(wakeFd);
        lock.writeLock().lock();
        try {
            Libc.close(fd);
            Libc.close(wakeFd);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
