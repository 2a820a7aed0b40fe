package org.bascule.ops.ipvsadm;

/**
 * A command line ipvsadm would refuse, or a listing it could not make, with the exit status
 * ipvsadm gives it: 2 for bad usage ({@code fail(2, ...)} in ipvsadm.c), 1 for a service that is
 * not in the table ({@code list_service} exits 1 on "No such service").
 */
public final class IpvsadmException extends RuntimeException {
    /** Exit status of a usage error, as ipvsadm's {@code fail(2, ...)}. */
    public static final int USAGE = 2;
    /** Exit status when the table cannot answer, as ipvsadm's {@code exit(1)} in {@code list_service}. */
    public static final int NOT_FOUND = 1;

    private final int exitStatus;

    public IpvsadmException(int exitStatus, String message) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    static IpvsadmException usage(String message) {
        return new IpvsadmException(USAGE, message);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
