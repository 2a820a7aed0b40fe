package org.bascule.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls bascule-os makes, as FFM downcalls, each wrapped so that a failure
 * becomes an {@link OsException} naming the call and the errno text. Package-private: the rest
 * of Bascule sees only the typed classes of this package.
 *
 * <p>Every downcall captures errno ({@code Linker.Option.captureCallState}), since the JVM may
 * clobber the thread's errno between the call and any later read of it (LAB.md).
 */
final class Libc {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = errnoCall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle BIND = errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = errnoCall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = errnoCall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = errnoCall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL = errnoCall("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = errnoCall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = errnoCall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = errnoCall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle GETPID = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("getpid"), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    // errno values the callers react to
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EEXIST = 17;
    static final int ENOENT = 2;

    private Libc() {
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, all);
    }

    /** The C library's text for an errno value: "No such device". */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getpid", t);
        }
    }

    private static OsException fail(String call, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new OsException(call, errno, strerror(errno));
    }

    private static RuntimeException unexpected(String call, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(call, t);
    }

    static int socket(int domain, int type, int protocol) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw fail("socket", state);
            }
            return fd;
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("socket", t);
        }
    }

    static void setsockopt(int fd, int level, int name, MemorySegment value, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, (int) value.byteSize());
            if (r < 0) {
                throw fail("setsockopt(" + what + ")", state);
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setsockopt", t);
        }
    }

    static void setsockoptInt(int fd, int level, int name, int value, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value), what);
        }
    }

    static int getsockoptInt(int fd, int level, int name, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
            if (r < 0) {
                throw fail("getsockopt(" + what + ")", state);
            }
            return value.get(JAVA_INT, 0);
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("getsockopt", t);
        }
    }

    static void bind(int fd, MemorySegment address, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) BIND.invokeExact(state, fd, address, (int) address.byteSize());
            if (r < 0) {
                throw fail("bind(" + what + ")", state);
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("bind", t);
        }
    }

    static long sendto(int fd, MemorySegment data, int flags, MemorySegment address, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            while (true) {
                long n = (long) SENDTO.invokeExact(state, fd, data, data.byteSize(), flags, address,
                        (int) address.byteSize());
                if (n >= 0) {
                    return n;
                }
                if ((int) ERRNO.get(state, 0L) != EINTR) {
                    throw fail("sendto(" + what + ")", state);
                }
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("sendto", t);
        }
    }

    /** recvmsg; returns -EAGAIN instead of throwing when a non-blocking read finds nothing. */
    static long recvmsg(int fd, MemorySegment msghdr, int flags) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            while (true) {
                long n = (long) RECVMSG.invokeExact(state, fd, msghdr, flags);
                if (n >= 0) {
                    return n;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EAGAIN) {
                    return -EAGAIN;
                }
                if (errno != EINTR) {
                    throw fail("recvmsg", state);
                }
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("recvmsg", t);
        }
    }

    /** poll; an interrupted poll (EINTR) reports nothing ready, the caller's deadline loop retries. */
    static int poll(MemorySegment pollfds, int count, int timeoutMillis) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) POLL.invokeExact(state, pollfds, (long) count, timeoutMillis);
            if (r < 0) {
                if ((int) ERRNO.get(state, 0L) == EINTR) {
                    return 0;
                }
                throw fail("poll", state);
            }
            return r;
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("poll", t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            // Linux releases the descriptor even when close reports an error: never retry it.
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
    }

    static void ioctl(int fd, long request, MemorySegment argument, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) IOCTL.invokeExact(state, fd, request, argument);
            if (r < 0) {
                throw fail("ioctl(" + what + ")", state);
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("ioctl", t);
        }
    }

    static int open(String path, int flags) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
            if (fd < 0) {
                throw fail("open(" + path + ")", state);
            }
            return fd;
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("open", t);
        }
    }

    static void setns(int fd, int nstype, String what) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) SETNS.invokeExact(state, fd, nstype);
            if (r < 0) {
                throw fail("setns(" + what + ")", state);
            }
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setns", t);
        }
    }

    static int eventfd(int flags) throws OsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) EVENTFD.invokeExact(state, 0, flags);
            if (fd < 0) {
                throw fail("eventfd", state);
            }
            return fd;
        } catch (OsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("eventfd", t);
        }
    }

    /** Adds one to an eventfd counter, which wakes whoever polls it. */
    static void signal(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long ignored = (long) WRITE.invokeExact(state, eventFd, arena.allocateFrom(JAVA_LONG, 1L), 8L);
        } catch (Throwable t) {
            throw unexpected("write", t);
        }
    }
}
