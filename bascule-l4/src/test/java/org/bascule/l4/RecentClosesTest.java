package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** InActConn: closes within the last tcpfin seconds, on a fake clock. */
class RecentClosesTest {

    private final AtomicLong nowMillis = new AtomicLong(1_700_000_000_000L);

    @Test
    void countsClosesUntilTheyAreOlderThanTheWindow() {
        var closes = new RecentCloses(120, nowMillis::get);
        closes.record();
        closes.record();
        advance(60_000);
        closes.record();
        assertThat(closes.count()).isEqualTo(3);
        advance(60_000); // first two are 120 s old now: gone
        assertThat(closes.count()).isEqualTo(1);
        advance(59_000);
        assertThat(closes.count()).isEqualTo(1);
        advance(1_000);
        assertThat(closes.count()).isZero();
    }

    @Test
    void aRecycledBucketForgetsItsOldSecond() {
        var closes = new RecentCloses(2, nowMillis::get);
        closes.record();
        advance(3_000); // the same bucket index comes round again
        closes.record();
        assertThat(closes.count()).isEqualTo(1);
    }

    @Test
    void ipvsadmSetLengthensAndShortensTheWindowKeepingWhatIsCounted() {
        var closes = new RecentCloses(5, nowMillis::get);
        closes.record();
        advance(3_000);
        closes.record();
        closes.window(300); // ipvsadm --set 0 300 0: the ring grows, buckets keep their second
        assertThat(closes.count()).isEqualTo(2);
        advance(200_000);
        closes.record();
        assertThat(closes.count()).isEqualTo(3);
        closes.window(10); // shorter: only the last close is recent enough
        assertThat(closes.count()).isEqualTo(1);
        closes.window(100_000);
        advance(3_600_000);
        assertThat(closes.count()).as("capped at " + RecentCloses.MAX_SECONDS + " s").isZero();
    }

    @Test
    void concurrentClosesAreAllCounted() {
        var closes = new RecentCloses(120, nowMillis::get);
        IntStream.range(0, 100_000).parallel().forEach(i -> closes.record());
        assertThat(closes.count()).isEqualTo(100_000);
    }

    @Test
    void aZeroWindowCountsNothing() {
        var closes = new RecentCloses(0, nowMillis::get);
        closes.record();
        assertThat(closes.count()).isZero();
    }

    private void advance(long millis) {
        nowMillis.addAndGet(millis);
    }
}
