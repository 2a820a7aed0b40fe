package org.bascule.l4.table;

import java.util.Objects;

/**
 * A table edit the running tier refused, with the reason IPVS would give (the errno its
 * {@code ip_vs_ctl.c} returns), so ipvsadm's front end prints ipvsadm's own message for it.
 */
public final class IpvsEditException extends RuntimeException {

    /** Why an edit failed; the errno of the kernel's answer in brackets. */
    public enum Reason {
        /** {@code -A} of a service already in the table (EEXIST). */
        SERVICE_EXISTS,
        /** {@code -E}, {@code -D}, {@code -Z} or a real-server edit of a service not in the table (ESRCH). */
        NO_SUCH_SERVICE,
        /** Unknown scheduler name (ENOENT). */
        SCHEDULER_NOT_FOUND,
        /** {@code -a} of a real server already in the service (EEXIST). */
        DESTINATION_EXISTS,
        /** {@code -e} or {@code -d} of a real server not in the service (ENOENT). */
        NO_SUCH_DESTINATION,
        /** Something IPVS accepts and this tier cannot serve, such as fwmark services (EOPNOTSUPP). */
        NOT_SUPPORTED,
        /** The service address cannot be listened on (EINVAL-like). */
        CANNOT_LISTEN
    }

    private final Reason reason;

    public IpvsEditException(Reason reason, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
