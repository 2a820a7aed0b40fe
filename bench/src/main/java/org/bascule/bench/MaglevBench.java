package org.bascule.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bascule.sched.MaglevTable;
import org.bascule.sched.hash.SipHash;
import org.bascule.sched.hash.SipKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Maglev table: build time for N backends at M slots (the paper's 65537 and ip_vs_mh's
 * 4093), and lookups per second: a flow key through SipHash-1-3 (hsiphash) and one array read,
 * as {@code mh} does per new connection.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MaglevBench {

    @Param({"1000"})
    public int n;

    @Param({"65537", "4093"})
    public int m;

    private List<MaglevTable.Backend> backends;
    private MaglevTable table;
    private int key;

    @Setup(Level.Trial)
    public void setUp() {
        backends = new ArrayList<>(n);
        int[] weights = new int[n];
        java.util.Arrays.fill(weights, 1);
        int[] turns = MaglevTable.turns(weights, MaglevTable.IPVS_TURN_BITS);
        for (int i = 0; i < n; i++) {
            String name = "backend-" + i;
            backends.add(MaglevTable.Backend.of(m, (int) SipHash.hash13(SipKey.IPVS_MH_1, name),
                    (int) SipHash.hash13(SipKey.IPVS_MH_2, name), turns[i]));
        }
        table = MaglevTable.build(m, backends);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public MaglevTable build() {
        return MaglevTable.build(m, backends);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int lookup() {
        return table.lookup(SipHash.hsiphash32(SipKey.IPVS_MH_1, key++));
    }
}
