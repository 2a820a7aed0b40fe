package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** glibc's merge sort and libipvs's comparisons. */
class IpvsadmOrderTest {
    record Item(int key, int seq) {}

    @Property
    void mergeSortIsAStableSortForAConsistentOrder(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5) Integer> keys) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            items.add(new Item(keys.get(i), i));
        }
        List<Item> expected = new ArrayList<>(items);
        expected.sort(Comparator.comparingInt(Item::key));
        assertThat(IpvsadmOrder.mergeSort(items, Comparator.comparingInt(Item::key))).isEqualTo(expected);
    }

    @Test
    void destinationsByAddressThenPort() {
        var sorted = IpvsadmOrder.destinations(List.of(
                IpvsadmFixtures.dest("10.0.0.2", 80, org.bascule.l4.table.ForwardingMethod.ROUTE, 1, 0, 0),
                IpvsadmFixtures.dest("10.0.0.1", 8080, org.bascule.l4.table.ForwardingMethod.ROUTE, 1, 0, 0),
                IpvsadmFixtures.dest("10.0.0.1", 80, org.bascule.l4.table.ForwardingMethod.ROUTE, 1, 0, 0)));
        assertThat(sorted).extracting(d -> d.address().getAddress().getHostAddress() + ":" + d.address().getPort())
                .containsExactly("10.0.0.1:80", "10.0.0.1:8080", "10.0.0.2:80");
    }

    @Test
    void endpointsBeforeFwmarksIpv4BeforeIpv6TcpBeforeUdp() {
        assertThat(IpvsadmOrder.services(IpvsadmFixtures.MIXED.services())).extracting(s -> s.address().toString())
                .containsExactly(
                        "Endpoint[protocol=TCP, address=/192.168.0.1:80]",
                        "Endpoint[protocol=TCP, address=/10.0.0.1:443]",
                        "Endpoint[protocol=UDP, address=/10.0.0.1:53]",
                        "Endpoint[protocol=TCP, address=/[2001:db8:0:0:0:0:0:10]:443]",
                        "Fwmark[mark=1]",
                        "Fwmark[mark=2]");
    }
}
