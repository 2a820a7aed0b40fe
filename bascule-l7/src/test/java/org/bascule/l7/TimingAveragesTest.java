package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link TimingAverages} (HAProxy's averages over the last 1024 requests) and {@link RequestTimes.Clock}. */
class TimingAveragesTest {

    private static final long MS = 1_000_000L;

    @Test
    void firstRequestsGiveTheirExactMean() {
        TimingAverages t = new TimingAverages();
        assertThat(t.snapshot()).isEqualTo(TimingAverages.Snapshot.NONE);
        t.record(0, 2, 10, 12);
        t.record(4, 4, 30, 40);
        t.record(2, 0, 20, 20);
        assertThat(t.snapshot()).isEqualTo(new TimingAverages.Snapshot(2, 2, 20, 24, 4, 4, 30, 40));
    }

    @Test
    void oldRequestsFadeOverTheWindow() {
        TimingAverages t = new TimingAverages();
        for (int i = 0; i < TimingAverages.WINDOW; i++) {
            t.record(0, 0, 100, 100);
        }
        assertThat(t.snapshot().rtime()).isEqualTo(100);
        for (int i = 0; i < 5 * TimingAverages.WINDOW; i++) {
            t.record(0, 0, 10, 10);
        }
        // after five windows of 10 ms the 100 ms era weighs (1-1/1024)^5120 ~ 0.7 %: 10.6 ms
        assertThat(t.snapshot().rtime()).isEqualTo(11);
        assertThat(t.snapshot().rtimeMax()).isEqualTo(100);
    }

    @Test
    void clockSplitsQueueConnectResponseAndTotal() {
        AtomicLong now = new AtomicLong(1_000 * MS);
        RequestTimes.Clock c = new RequestTimes.Clock(now::get);
        now.addAndGet(30 * MS);
        c.serverChosen();        // 30 ms in the queue
        now.addAndGet(5 * MS);
        c.serverChosen();        // a retry's new pick: still connect time
        now.addAndGet(2 * MS);
        c.requestSent();         // 7 ms connecting
        assertThat(c.complete()).isFalse();
        now.addAndGet(40 * MS);
        c.responseHead();        // 40 ms for the server to answer
        now.addAndGet(3 * MS);
        assertThat(c.complete()).isTrue();
        assertThat(c.stop()).isEqualTo(new RequestTimes(30, 7, 40, 80));
    }

    @Test
    void backendRecordsForServerAndItselfOnlyAnsweredRequests() {
        AtomicLong now = new AtomicLong(0);
        LiveBackend b = new LiveBackend(org.bascule.l7.spec.BackendSpec.of("web", java.util.List.of(
                org.bascule.l7.spec.ServerSpec.of("a", new java.net.InetSocketAddress("127.0.0.1", 80)))));
        LiveServer a = b.servers().getFirst();
        RequestTimes.Clock failed = new RequestTimes.Clock(now::get);
        failed.serverChosen();
        now.addAndGet(9 * MS);
        b.recordTimes(a, failed); // never answered: left out, as HAProxy does
        RequestTimes.Clock ok = new RequestTimes.Clock(now::get);
        ok.serverChosen();
        ok.requestSent();
        now.addAndGet(6 * MS);
        ok.responseHead();
        b.recordTimes(a, ok);
        assertThat(a.timings().snapshot().rtime()).isEqualTo(6);
        assertThat(b.timings().snapshot().ttime()).isEqualTo(6);
    }
}
