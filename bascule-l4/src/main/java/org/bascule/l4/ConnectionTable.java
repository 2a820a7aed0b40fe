package org.bascule.l4;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;

/**
 * The TCP entries of one service's connection table, as {@code /proc/net/ip_vs_conn} lists
 * them: established connections ({@code ESTABLISHED}, expiring {@code tcp} seconds after their
 * last byte, as IPVS re-arms the entry's timer on every packet) and recently closed ones
 * ({@code TIME_WAIT}, kept {@code tcpfin} seconds). An established connection idle for longer
 * than the tcp timeout is closed by {@link #sweep}, as IPVS forgets the entry and the next
 * packet of that flow finds none.
 *
 * <p>Closed entries are capped at {@link #MAX_CLOSED} (oldest forgotten first) so a burst of
 * short connections cannot grow memory without bound; the InActConn column does not depend
 * on them (see {@link RecentCloses}).
 */
final class ConnectionTable {

    static final int MAX_CLOSED = 65536;

    private record Closed(InetSocketAddress client, InetSocketAddress destination, long closedAtMillis) {}

    private final Set<ProxiedConnection> established = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Closed> closed = new ConcurrentLinkedDeque<>();
    private final AtomicInteger closedCount = new AtomicInteger();

    void opened(ProxiedConnection c) {
        established.add(c);
    }

    void closed(ProxiedConnection c, long nowMillis) {
        if (established.remove(c)) {
            closed.addLast(new Closed(c.clientAddress(), c.destinationAddress(), nowMillis));
            if (closedCount.incrementAndGet() > MAX_CLOSED && closed.pollFirst() != null) {
                closedCount.decrementAndGet();
            }
        }
    }

    int establishedCount() {
        return established.size();
    }

    List<ConnectionView> entries(InetSocketAddress vip, long now, IpvsTimeouts t) {
        List<ConnectionView> out = new ArrayList<>();
        for (ProxiedConnection c : established) {
            long idle = (now - c.lastActivityMillis()) / 1000;
            out.add(new ConnectionView(L4Protocol.TCP, t.tcpSeconds() - idle, "ESTABLISHED",
                    c.clientAddress(), vip, c.destinationAddress()));
        }
        for (Closed c : closed) {
            long left = t.tcpFinSeconds() - (now - c.closedAtMillis()) / 1000;
            if (left > 0) {
                out.add(new ConnectionView(L4Protocol.TCP, left, "TIME_WAIT", c.client(), vip, c.destination()));
            }
        }
        return out;
    }

    void sweep(long now, IpvsTimeouts t) {
        for (ProxiedConnection c : established) {
            if (now - c.lastActivityMillis() >= t.tcpSeconds() * 1000L) {
                c.expire();
            }
        }
        for (Iterator<Closed> it = closed.iterator(); it.hasNext(); ) {
            if (now - it.next().closedAtMillis() >= t.tcpFinSeconds() * 1000L) {
                it.remove();
                closedCount.decrementAndGet();
            } else {
                break; // oldest first: the rest are younger
            }
        }
    }
}
