package org.bascule.l7;

import java.util.function.LongSupplier;

/**
 * The times of one request through a backend, HAProxy's log timers {@code Tw} (queue),
 * {@code Tc} (connect, retries included; 0 on a reused connection), {@code Tr} (from the
 * request sent to the response head) and the total, in milliseconds: what
 * {@link TimingAverages} averages for {@code show stat}.
 */
record RequestTimes(long queueMillis, long connectMillis, long responseMillis, long totalMillis) {

    /**
     * Marks the instants of one request as it goes, on its event loop (not thread-safe), and
     * gives its {@link RequestTimes} at the end. A mark that never happened (no response head
     * because the request failed) counts as the end, as HAProxy's timers then read -1 and are
     * left out of the averages by the caller ({@link #complete()}).
     */
    static final class Clock {
        private final LongSupplier nanos;
        private final long started;
        private long chosen = -1;
        private long sent = -1;
        private long head = -1;

        Clock(LongSupplier nanos) {
            this.nanos = nanos;
            this.started = nanos.getAsLong();
        }

        /** A server was picked: the queue wait, if any, is over (first pick only: retries count as connect time). */
        void serverChosen() {
            if (chosen < 0) {
                chosen = nanos.getAsLong();
            }
        }

        /** The request went out on a connection, new or reused (the last one, after retries). */
        void requestSent() {
            sent = nanos.getAsLong();
        }

        /** The response head arrived. */
        void responseHead() {
            if (head < 0) {
                head = nanos.getAsLong();
            }
        }

        /** True when the request was sent and answered, the requests HAProxy averages. */
        boolean complete() {
            return chosen >= 0 && sent >= 0 && head >= 0;
        }

        /** The times now, at the end of the response. */
        RequestTimes stop() {
            long end = nanos.getAsLong();
            long c = chosen < 0 ? end : chosen;
            long s = sent < 0 ? end : sent;
            long h = head < 0 ? end : head;
            return new RequestTimes(ms(c - started), ms(s - c), ms(h - s), ms(end - started));
        }

        private static long ms(long nanos) {
            return Math.max(0, nanos / 1_000_000L);
        }
    }
}
