package org.bascule.l4;

import java.time.Duration;
import java.util.Objects;

/**
 * Tier-wide settings.
 *
 * @param ioThreads      event loops for the data path; 0 means one per core
 * @param connectTimeout how long to wait for a real server to accept before trying another
 * @param tcpFinTimeout  how long a closed connection still counts as "inactive", as IPVS keeps
 *                       FIN_WAIT/TIME_WAIT entries ({@code ipvsadm --set tcp tcpfin udp}; 120 s)
 */
public record L4Options(int ioThreads, Duration connectTimeout, Duration tcpFinTimeout) {

    public L4Options {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tcpFinTimeout, "tcpFinTimeout");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 0)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: 1 ms to 24 days)");
        }
        if (tcpFinTimeout.isNegative() || tcpFinTimeout.toSeconds() > RecentCloses.MAX_SECONDS) {
            throw new IllegalArgumentException("tcpFinTimeout: " + tcpFinTimeout
                    + " (expected: 0 to " + RecentCloses.MAX_SECONDS + " s)");
        }
    }

    /** One event loop per core, 5 s connect timeout, IPVS's 120 s tcpfin. */
    public static L4Options defaults() {
        return new L4Options(0, Duration.ofSeconds(5), Duration.ofSeconds(120));
    }

    public L4Options withIoThreads(int threads) {
        return new L4Options(threads, connectTimeout, tcpFinTimeout);
    }

    public L4Options withTcpFinTimeout(Duration timeout) {
        return new L4Options(ioThreads, connectTimeout, timeout);
    }

    public L4Options withConnectTimeout(Duration timeout) {
        return new L4Options(ioThreads, timeout, tcpFinTimeout);
    }

    int effectiveIoThreads() {
        return ioThreads == 0 ? Runtime.getRuntime().availableProcessors() : ioThreads;
    }
}
