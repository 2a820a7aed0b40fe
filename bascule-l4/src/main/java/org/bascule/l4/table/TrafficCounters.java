package org.bascule.l4.table;

/**
 * Cumulative counters since start or the last {@code ipvsadm -Z}, ipvsadm's {@code --stats}
 * columns. In the user-space NAT proxy "packets" count the reads and writes the proxy made
 * (the kernel coalesces segments before we see them); bytes are exact.
 */
public record TrafficCounters(long conns, long inPackets, long outPackets, long inBytes, long outBytes) {
    public static final TrafficCounters ZERO = new TrafficCounters(0, 0, 0, 0, 0);

    public TrafficCounters plus(TrafficCounters o) {
        return new TrafficCounters(conns + o.conns, inPackets + o.inPackets, outPackets + o.outPackets,
                inBytes + o.inBytes, outBytes + o.outBytes);
    }
}
