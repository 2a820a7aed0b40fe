package org.bascule.app.demo;

import java.io.PrintWriter;

/** Prints the demo's story, each step stamped with the time since the demo began. */
final class Narrator {
    private final PrintWriter out;
    private final long start = System.nanoTime();

    Narrator(PrintWriter out) {
        this.out = out;
    }

    void say(String format, Object... args) {
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("[%5.1fs] %s%n", seconds, String.format(format, args));
        out.flush();
    }

    /** A block of text (a configuration, a table), indented under the last step. */
    void show(String text) {
        text.lines().forEach(l -> out.println("         " + l));
        out.flush();
    }
}
