package org.bascule.config.keepalived;

/**
 * IPVS service flags set by bare keywords in a virtual_server (check_parser.c lbflags_handler,
 * ipvsadm -b / -o). The scheduler-specific names map onto the generic flags:
 * {@code sh-fallback} and {@code mh-fallback} are {@link #FLAG_1}, {@code sh-port} and
 * {@code mh-port} are {@link #FLAG_2} (include/uapi/linux/ip_vs.h).
 */
public enum SchedulerFlag {
    /** {@code ops}: one-packet scheduling (UDP only). */
    ONE_PACKET("ops"),
    /** {@code hashed} (IP_VS_SVC_F_HASHED). */
    HASHED("hashed"),
    /** {@code flag-1}: sh/mh fallback to another server when the chosen one is unavailable. */
    FLAG_1("flag-1"),
    /** {@code flag-2}: sh/mh hash the source port as well. */
    FLAG_2("flag-2"),
    /** {@code flag-3}. */
    FLAG_3("flag-3");

    private final String keyword;

    SchedulerFlag(String keyword) {
        this.keyword = keyword;
    }

    /** The generic keyword, as ipvsadm prints it. */
    public String keyword() {
        return keyword;
    }
}
