package org.bascule.vrrp.fsm;

/**
 * The status of a {@code vrrp_script} under {@code rise}/{@code fall} (keepalived.conf(5)): it
 * turns OK after {@code rise} successes in a row and KO after {@code fall} failures in a row;
 * it starts OK, or KO with {@code init_fail}.
 *
 * @param ok     the current status
 * @param streak results in a row that disagree with the status
 */
public record RiseFall(int rise, int fall, boolean ok, int streak) {

    public RiseFall {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise/fall: " + rise + "/" + fall + " (expected: at least 1)");
        }
    }

    /** The starting status. */
    public static RiseFall start(int rise, int fall, boolean initFail) {
        return new RiseFall(rise, fall, !initFail, 0);
    }

    /** After one run that succeeded or not. */
    public RiseFall record(boolean success) {
        if (success == ok) {
            return new RiseFall(rise, fall, ok, 0);
        }
        int n = streak + 1;
        return n >= (success ? rise : fall) ? new RiseFall(rise, fall, success, 0) : new RiseFall(rise, fall, ok, n);
    }
}
