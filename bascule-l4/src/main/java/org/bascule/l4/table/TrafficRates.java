package org.bascule.l4.table;

/** Per-second rates, ipvsadm's {@code --rate} columns (CPS, InPPS, OutPPS, InBPS, OutBPS). */
public record TrafficRates(long cps, long inPps, long outPps, long inBps, long outBps) {
    public static final TrafficRates ZERO = new TrafficRates(0, 0, 0, 0, 0);
}
