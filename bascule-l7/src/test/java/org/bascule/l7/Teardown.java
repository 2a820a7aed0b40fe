package org.bascule.l7;

/** Closes what a test class started, in the order given, skipping what never started (null). */
final class Teardown {

    private Teardown() {}

    static void close(AutoCloseable... started) throws Exception {
        for (AutoCloseable c : started) {
            if (c != null) {
                c.close();
            }
        }
    }
}
