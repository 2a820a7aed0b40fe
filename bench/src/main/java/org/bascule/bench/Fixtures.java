package org.bascule.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bascule.sched.ConnectionCounts;
import org.bascule.sched.Destination;
import org.bascule.sched.DestinationSet;
import org.bascule.sched.Flow;

/** Deterministic inputs shared by the benchmarks: servers with weights 1..10 and live loads, client flows. */
final class Fixtures {

    static final int FLOWS = 4096;

    private Fixtures() {}

    record Load(long activeConnections, long inactiveConnections) implements ConnectionCounts {}

    static DestinationSet<InetSocketAddress> servers(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Destination<InetSocketAddress>> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            var address = new InetSocketAddress("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 8080);
            members.add(new Destination<>(address, 1 + r.nextInt(10), new Load(r.nextInt(50), r.nextInt(500))));
        }
        return new DestinationSet<>(members);
    }

    static Flow[] flows(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        InetSocketAddress vip = new InetSocketAddress("192.0.2.1", 80);
        Flow[] flows = new Flow[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            int ip = r.nextInt();
            var client = new InetSocketAddress((ip >>> 24) + "." + (ip >>> 16 & 255) + "." + (ip >>> 8 & 255) + "." + (ip & 255),
                    1024 + r.nextInt(60000));
            flows[i] = new Flow(client, vip);
        }
        return flows;
    }
}
