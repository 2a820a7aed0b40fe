package org.bascule.os;

import java.io.IOException;

/**
 * A kernel call failed. The message names the call and what it was about, then the C library's
 * errno text, e.g. {@code setsockopt(SO_BINDTODEVICE eth9): No such device (errno 19)}; a netlink
 * request that the kernel refused names the operation, e.g.
 * {@code RTM_NEWADDR 10.77.0.1/24 dev veth0: File exists (errno 17)}.
 */
public final class OsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public OsException(String call, int errno, String errnoText) {
        super(call + ": " + errnoText + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The call or operation that failed, with what it was about: {@code bind(10.77.0.1)}. */
    public String call() {
        return call;
    }

    /** The errno value (positive), or 0 when the failure is not an errno (a malformed reply). */
    public int errno() {
        return errno;
    }

    /** Whether the kernel said the object already exists (EEXIST): adding an address twice. */
    public boolean alreadyExists() {
        return errno == Libc.EEXIST;
    }

    /** Whether the kernel said there is no such object (ENOENT, ESRCH, EADDRNOTAVAIL, ENODEV). */
    public boolean notFound() {
        return errno == Libc.ENOENT || errno == 3 || errno == 99 || errno == 19;
    }
}
