package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bascule.ops.ipvsadm.IpvsadmFixtures.resource;
import static org.bascule.ops.ipvsadm.IpvsadmFixtures.sa;

import java.util.List;
import org.bascule.l4.table.ConnectionView;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;
import org.junit.jupiter.api.Test;

/**
 * Golden outputs of the listings the editing grammar adds: {@code -Lnc} ({@code list_conn},
 * {@code print_conn}), {@code -c --persistent-conn}, {@code -L --persistent-conn} and
 * {@code --timeout}. The expected files were made from ipvsadm 1.31's printf format strings with
 * Python's printf-style operator (see golden/README.md), not from this formatter.
 */
class IpvsadmNewListingsTest {

    private static final List<ConnectionView> ENTRIES = List.of(
            new ConnectionView(L4Protocol.TCP, 898, "ESTABLISHED", sa("10.0.0.5", 40000), sa("192.168.10.9", 80), sa("192.168.10.70", 80)),
            new ConnectionView(L4Protocol.TCP, 105, "TIME_WAIT", sa("10.0.0.5", 39998), sa("192.168.10.9", 80), sa("192.168.10.85", 80)),
            new ConnectionView(L4Protocol.UDP, 299, "UDP", sa("10.0.0.6", 5353), sa("192.168.10.9", 53), sa("10.0.0.21", 53)),
            new ConnectionView(L4Protocol.TCP, 6000, "ESTABLISHED", sa("2001:db8::5", 40000), sa("2001:db8::10", 443), sa("2001:db8::a", 443)),
            new ConnectionView(L4Protocol.UDP, -3, "UDP", sa("10.0.0.7", 1), sa("192.168.10.9", 53), sa("10.0.0.21", 53)));

    @Test
    void connectionEntriesAsIpvsadmLnc() {
        assertThat(new IpvsadmListing(NameResolver.none()).connections(ENTRIES, true, false))
                .isEqualTo(resource("golden/connections-lnc.txt"));
    }

    @Test
    void connectionEntriesWithThePersistenceEngineTitle() {
        assertThat(new IpvsadmListing(NameResolver.none()).connections(ENTRIES.subList(0, 1), true, true))
                .isEqualTo(resource("golden/connections-lnc-persistent-conn.txt"));
    }

    @Test
    void persistentConnColumns() {
        IpvsadmOutcome out = new Ipvsadm(() -> IpvsadmFixtures.SEED, NameResolver.none(), IpvsadmGrammar.full())
                .run(List.of("-Ln", "--persistent-conn"));
        assertThat(out).isEqualTo(new IpvsadmOutcome.Printed(resource("golden/seed-ln-persistent-conn.txt")));
    }

    @Test
    void timeouts() {
        assertThat(IpvsadmListing.timeouts(IpvsTimeouts.LINUX_DEFAULTS)).isEqualTo("Timeout (tcp tcpfin udp): 900 120 300\n");
    }
}
