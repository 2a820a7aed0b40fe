package org.bascule.bench;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bascule.sched.DestinationSet;
import org.bascule.sched.Flow;
import org.bascule.sched.Scheduler;
import org.bascule.sched.Schedulers;
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
 * Scheduling decisions per second of each scheduler over N destinations (weights 1..10, live
 * connection counts), one decision per new flow, as the listener's thread makes them. rr is the
 * anchor the script divides by.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SchedulerBench {

    @Param({"rr", "wrr", "lc", "wlc", "sed", "nq", "twos", "random", "sh", "dh", "mh", "fo"})
    public String scheduler;

    @Param({"4", "64", "1000"})
    public int n;

    private Scheduler<InetSocketAddress> instance;
    private DestinationSet<InetSocketAddress> set;
    private Flow[] flows;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        instance = Schedulers.create(scheduler);
        set = Fixtures.servers(n, 42);
        flows = Fixtures.flows(7);
        instance.schedule(set, flows[0]); // builds sh/mh tables outside the measurement
    }

    @Benchmark
    public Optional<InetSocketAddress> schedule() {
        return instance.schedule(set, flows[next++ & (Fixtures.FLOWS - 1)]);
    }
}
