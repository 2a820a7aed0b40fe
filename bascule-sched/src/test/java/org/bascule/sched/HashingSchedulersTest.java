package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bascule.sched.hash.AddressFold;
import org.junit.jupiter.api.Test;

/** sh, dh and mh: tables, keys and flags as ip_vs_sh.c, ip_vs_dh.c and ip_vs_mh.c. */
class HashingSchedulersTest {

    static Flow from(String ip, int port) {
        return new Flow(new InetSocketAddress(ip, port), new InetSocketAddress("10.0.0.7", 80));
    }

    static <T> SchedulerSettings<T> flags(SchedulerFlag... flags) {
        return SchedulerSettings.<T>defaults().withFlags(Set.of(flags));
    }

    @Test
    void shFillsBucketsByWeightAndHashesTheSource() {
        var sh = new SourceHashScheduler<String>(flags());
        var set = SchedulingTrace.set("A", 2, "B", 1); // buckets A A B A A B ...
        for (int last = 1; last < 60; last++) {
            String ip = "192.0.2." + last;
            int bucket = SourceHashScheduler.bucket(AddressFold.fold(new InetSocketAddress(ip, 0)), 0);
            String expected = bucket % 3 == 2 ? "B" : "A";
            assertThat(sh.schedule(set, from(ip, 1000 + last))).as(ip).contains(expected);
            // the port does not matter without sh-port
            assertThat(sh.schedule(set, from(ip, 5))).contains(expected);
        }
    }

    @Test
    void shPortSpreadsOneClientsConnections() {
        var sh = new SourceHashScheduler<String>(flags(SchedulerFlag.PORT));
        var set = SchedulingTrace.set("A", 1, "B", 1, "C", 1, "D", 1);
        Set<String> seen = new HashSet<>();
        for (int port = 40000; port < 40064; port++) {
            seen.add(sh.schedule(set, from("192.0.2.1", port)).orElseThrow());
        }
        assertThat(seen).hasSize(4);
    }

    @Test
    void shWithoutFallbackDropsClientsOfADrainedServer() {
        var plain = new SourceHashScheduler<String>(flags());
        var fallback = new SourceHashScheduler<String>(flags(SchedulerFlag.FALLBACK));
        var up = SchedulingTrace.set("A", 1, "B", 1);
        var drained = SchedulingTrace.set("A", 1, "B", 0);
        int dropped = 0;
        for (int last = 1; last < 100; last++) {
            Flow f = from("198.51.100." + last, 1);
            String home = plain.schedule(up, f).orElseThrow();
            if (home.equals("B")) {
                dropped++;
                assertThat(plain.schedule(drained, f)).isEmpty();
                assertThat(fallback.schedule(drained, f)).contains("A");
            } else {
                assertThat(plain.schedule(drained, f)).contains("A");
                assertThat(fallback.schedule(drained, f)).contains("A");
            }
        }
        assertThat(dropped).isPositive();
    }

    @Test
    void dhHashesTheServiceAddress() {
        var dh = new DestinationHashScheduler<String>();
        // (0x0A000007 * 2654435761) & 255 = (7 * 0xB1) & 255 = 215; bucket 215 holds member 215 % 3 = 2
        var set = SchedulingTrace.set("A", 1, "B", 1, "C", 1);
        assertThat(dh.schedule(set, from("192.0.2.1", 1))).contains("C");
        assertThat(dh.schedule(set, from("203.0.113.9", 2))).contains("C");
        assertThat(dh.schedule(SchedulingTrace.set("A", 1, "B", 1, "C", 0), from("192.0.2.1", 1))).isEmpty();
    }

    static DestinationSet<InetSocketAddress> servers(int n, int weight) {
        return new DestinationSet<>(java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new Destination<>(new InetSocketAddress("10.1.0." + (i + 1), 8080), weight)).toList());
    }

    @Test
    void mhIsDeterministicAcrossInstances() {
        var set = servers(5, 1);
        var a = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        var b = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        for (int last = 1; last < 250; last++) {
            Flow f = from("192.0.2." + last, last);
            assertThat(a.schedule(set, f)).isEqualTo(b.schedule(set, f));
        }
        assertThat(a.table().owners()).isEqualTo(b.table().owners());
        assertThat(a.table().size()).isEqualTo(MaglevTable.DEFAULT_SIZE);
    }

    @Test
    void mhSharesFollowWeights() {
        var set = new DestinationSet<>(List.of(
                new Destination<>(new InetSocketAddress("10.1.0.1", 80), 10),
                new Destination<>(new InetSocketAddress("10.1.0.2", 80), 5)));
        var mh = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        mh.schedule(set, from("192.0.2.1", 1));
        int[] counts = mh.table().slotCounts();
        assertThat(counts[0] + counts[1]).isEqualTo(4093);
        assertThat(Math.abs(counts[0] - 2 * counts[1])).isLessThanOrEqualTo(2);
    }

    @Test
    void mhDrainKeepsTheTableAndFallbackIsDeterministic() {
        var up = servers(4, 1);
        List<Destination<InetSocketAddress>> m = new java.util.ArrayList<>(up.members());
        InetSocketAddress drainedServer = m.get(1).member();
        m.set(1, new Destination<>(drainedServer, 0));
        var drained = new DestinationSet<>(m);

        var plain = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        var fallback = new MaglevScheduler<InetSocketAddress>(flags(SchedulerFlag.FALLBACK));
        Map<String, InetSocketAddress> home = new HashMap<>();
        for (int last = 1; last < 250; last++) {
            home.put("192.0.2." + last, plain.schedule(up, from("192.0.2." + last, 1)).orElseThrow());
        }
        int[] before = plain.table().owners();
        int moved = 0;
        for (var e : home.entrySet()) {
            Flow f = from(e.getKey(), 1);
            if (e.getValue().equals(drainedServer)) {
                assertThat(plain.schedule(drained, f)).isEmpty();
                var other = fallback.schedule(drained, f).orElseThrow();
                assertThat(other).isNotEqualTo(drainedServer);
                assertThat(fallback.schedule(drained, f)).contains(other);
                moved++;
            } else {
                assertThat(plain.schedule(drained, f)).contains(e.getValue()); // others stay
                assertThat(fallback.schedule(drained, f)).contains(e.getValue());
            }
        }
        assertThat(moved).isPositive();
        assertThat(plain.table().owners()).as("last_weight keeps the drained server's slots").isEqualTo(before);
        // weight back: same table, same homes
        for (var e : home.entrySet()) {
            assertThat(plain.schedule(up, from(e.getKey(), 1))).contains(e.getValue());
        }
    }

    @Test
    void mhPortHashesEachConnection() {
        var set = servers(4, 1);
        var mh = new MaglevScheduler<InetSocketAddress>(flags(SchedulerFlag.PORT));
        Set<InetSocketAddress> seen = new HashSet<>();
        for (int port = 40000; port < 40064; port++) {
            seen.add(mh.schedule(set, from("192.0.2.1", port)).orElseThrow());
        }
        assertThat(seen).hasSize(4);
    }

    @Test
    void mhMemberAddedWithWeightZeroTakesNoSlot() {
        var mh = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        List<Destination<InetSocketAddress>> m = new java.util.ArrayList<>(servers(3, 1).members());
        m.add(new Destination<>(new InetSocketAddress("10.1.0.99", 80), 0));
        mh.schedule(new DestinationSet<>(m), from("192.0.2.1", 1));
        assertThat(mh.table().slotCounts()[3]).isZero();
    }

    @Test
    void mhBuildsTheSameTableWhateverTheListOrder() {
        var set = servers(6, 1);
        List<Destination<InetSocketAddress>> reversed = new java.util.ArrayList<>(set.members());
        java.util.Collections.reverse(reversed);
        var a = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        var b = new MaglevScheduler<InetSocketAddress>(SchedulerSettings.defaults());
        for (int last = 1; last < 250; last++) {
            Flow f = from("192.0.2." + last, last);
            assertThat(a.schedule(set, f)).isEqualTo(b.schedule(new DestinationSet<>(reversed), f));
        }
    }
}
