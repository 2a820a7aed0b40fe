package org.bascule.sched;

/**
 * IPVS service scheduler flags ({@code IP_VS_SVC_F_SCHED1..3} in {@code include/uapi/linux/ip_vs.h}).
 * Their meaning belongs to the scheduler: for {@code sh} and {@code mh}, flag 1 is
 * {@code *-fallback} and flag 2 is {@code *-port}; other schedulers ignore them.
 */
public enum SchedulerFlag {
    /** {@code flag-1}: sh-fallback / mh-fallback. */
    FALLBACK,
    /** {@code flag-2}: sh-port / mh-port. */
    PORT,
    /** {@code flag-3}: unused by every scheduler of Linux 6.x. */
    FLAG_3;

    /** The word ipvsadm 1.31 prints for this flag of scheduler {@code scheduler}. */
    public String label(String scheduler) {
        boolean named = scheduler.equals("sh") || scheduler.equals("mh");
        return switch (this) {
            case FALLBACK -> named ? scheduler + "-fallback" : "flag-1";
            case PORT -> named ? scheduler + "-port" : "flag-2";
            case FLAG_3 -> "flag-3";
        };
    }
}
