package org.bascule.l4.table;

/**
 * IPVS's connection timeouts, {@code ipvsadm --timeout} and {@code --set tcp tcpfin udp}: how long
 * an idle established TCP connection, a closed TCP connection (FIN_WAIT/TIME_WAIT, the
 * "InActConn" column) and an idle UDP flow stay in the table. Linux's defaults are 900, 120
 * and 300 seconds ({@code ip_vs_proto_tcp.c} {@code tcp_timeouts[IP_VS_TCP_S_ESTABLISHED]},
 * {@code [IP_VS_TCP_S_FIN_WAIT]}, {@code ip_vs_proto_udp.c} {@code udp_timeouts[IP_VS_UDP_S_NORMAL]}).
 */
public record IpvsTimeouts(int tcpSeconds, int tcpFinSeconds, int udpSeconds) {

    /** ipvsadm's {@code MAX_TIMEOUT}: 31 days. */
    public static final int MAX_SECONDS = 86400 * 31;

    public static final IpvsTimeouts LINUX_DEFAULTS = new IpvsTimeouts(900, 120, 300);

    public IpvsTimeouts {
        check("tcp", tcpSeconds);
        check("tcpfin", tcpFinSeconds);
        check("udp", udpSeconds);
    }

    /** {@code --set}: a 0 leaves that timeout as it is, as {@code ip_vs_set_timeout} does. */
    public IpvsTimeouts merge(IpvsTimeouts set) {
        return new IpvsTimeouts(set.tcpSeconds == 0 ? tcpSeconds : set.tcpSeconds,
                set.tcpFinSeconds == 0 ? tcpFinSeconds : set.tcpFinSeconds,
                set.udpSeconds == 0 ? udpSeconds : set.udpSeconds);
    }

    private static void check(String name, int seconds) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(name + ": " + seconds + " (expected: 0-" + MAX_SECONDS + ")");
        }
    }
}
