package org.bascule.l7.http1;

/**
 * One scratch array per thread for response heads that arrive whole in one read: a proxy with
 * a new server connection per request (clients that close, {@code http-reuse safe}) would
 * otherwise allocate a head array per connection, a fifth of all it allocates. Borrowed for
 * the length of one parse and its {@code onHead} call; a nested borrow (none is expected) gets
 * nothing and allocates, so a head can never be overwritten while it is read.
 */
final class HeadScratch {

    private HeadScratch() {}

    /** The usual head fits (ResponseFramer copies heads a step of this size at a time). */
    static final int SIZE = 1024;

    private static final class Slot {
        final byte[] bytes = new byte[SIZE];
        boolean lent;
    }

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /** The thread's array, or null if it is already lent (the caller allocates its own). */
    static byte[] borrow() {
        Slot s = SLOT.get();
        if (s.lent) {
            return null;
        }
        s.lent = true;
        return s.bytes;
    }

    static void giveBack(byte[] bytes) {
        Slot s = SLOT.get();
        if (s.bytes == bytes) {
            s.lent = false;
        }
    }
}
