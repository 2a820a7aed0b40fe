package org.bascule.l7;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bascule.l7.spec.AclSpec;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;

/** What every connection of one frontend shares: its spec, ACLs, stick table, backends and counters. */
final class FrontendRuntime {

    final FrontendSpec spec;
    final GlobalSpec global;
    final ConditionEval eval;
    final Optional<StickTable> table;
    final Map<String, LiveBackend> backends;
    final L7Proxy proxy;
    final AtomicInteger connections = new AtomicInteger();
    /** Accepted connections ({@code stot}, {@code conn_tot}) and their rate ({@code rate}, {@code conn_rate}). */
    final RatedCounter totalConnections = new RatedCounter();
    /** HTTP requests ({@code req_tot}) and their rate ({@code req_rate}). */
    final RatedCounter requests = new RatedCounter();
    final LongAdder denied = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder badProxyHeaders = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder[] statusClasses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    volatile int maxConnections;

    FrontendRuntime(FrontendSpec spec, GlobalSpec global, Map<String, LiveBackend> backends, L7Proxy proxy) {
        this.spec = spec;
        this.global = global;
        this.backends = backends;
        this.proxy = proxy;
        Map<String, List<Condition>> acls = new LinkedHashMap<>();
        for (AclSpec a : spec.acls()) {
            acls.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a.test());
        }
        this.eval = new ConditionEval(acls, backends, global.bufferSize(), connections::get);
        this.table = spec.stickTable().map(StickTable::new);
    }

    void countStatus(int status) {
        int c = status / 100;
        statusClasses[c >= 1 && c <= 5 ? c : 0].increment();
    }
}
