package org.bascule.l7;

/**
 * {@code show stat}'s {@code qtime}, {@code ctime}, {@code rtime}, {@code ttime} and their
 * {@code _max}: "the average queue/connect/response/total time in ms over the 1024 last
 * requests" (HAProxy management guide, section 9.1). Like HAProxy, a sliding-window average
 * rather than a ring of 1024 samples: each sample moves the average by 1/n of its distance, n
 * being the number of samples so far up to 1024, so the first requests give their exact mean and
 * later ones an average whose memory fades over about 1024 requests. Pure; thread-safe.
 */
final class TimingAverages {

    /** HAProxy's {@code TIME_STATS_SAMPLES}. */
    static final int WINDOW = 1024;

    /** One snapshot, in milliseconds. */
    record Snapshot(long qtime, long ctime, long rtime, long ttime, long qtimeMax, long ctimeMax, long rtimeMax, long ttimeMax) {
        static final Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0);
    }

    private long samples;
    private final double[] avg = new double[4];
    private final long[] max = new long[4];

    /**
     * One request's times in milliseconds: waited in the queue, spent connecting (0 on a reused
     * connection), waited for the response head after sending, and in all.
     */
    synchronized void record(long queue, long connect, long response, long total) {
        samples++;
        long n = Math.min(samples, WINDOW);
        // four calls rather than a loop over a new array: this runs twice per proxied request
        add(0, queue, n);
        add(1, connect, n);
        add(2, response, n);
        add(3, total, n);
    }

    private void add(int i, long value, long n) {
        long x = Math.max(0, value);
        avg[i] += (x - avg[i]) / n;
        if (x > max[i]) {
            max[i] = x;
        }
    }

    void record(RequestTimes t) {
        record(t.queueMillis(), t.connectMillis(), t.responseMillis(), t.totalMillis());
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(Math.round(avg[0]), Math.round(avg[1]), Math.round(avg[2]), Math.round(avg[3]),
                max[0], max[1], max[2], max[3]);
    }
}
